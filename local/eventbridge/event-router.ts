import type { PendingWork } from '../shared/pending-work';
import type { Archives } from './archives';
import { deadLetterAttributes } from './delivery/dead-letter';
import { TargetDeliveryError, type TargetDispatcher } from './delivery/dispatcher';
import { type DeliveryOutcome, deliverWithRetries } from './delivery/retry-policy';
import { sendToTarget } from './delivery/send-to-target';
import { type EventEnvelope, eventTime, type RoutedEvent } from './events/envelope';
import { targetInput } from './input/target-input';
import type { EventBridgeModel, RuleModel, TargetModel } from './model/types';
import { matches } from './pattern';

export interface RouterOptions {
  readonly model: EventBridgeModel;
  readonly dispatcher: TargetDispatcher;
  readonly archives: Archives;
  readonly work: PendingWork;
  readonly retryDelayMs: (retry: number) => number;
  readonly now: () => number;
  /** `subject`: the event, for the console to find its correlation id in. */
  readonly trace: (line: string, subject?: unknown) => void;
  readonly warn: (message: string) => void;
}

/**
 * A forwarded event that keeps coming back is a loop; AWS detects those too. Past this many bus-to-bus
 * hops the event is dropped with a warning.
 */
const MAX_HOPS = 5;

/** Sends each accepted event to its bus's archives and to the targets of every enabled matching rule. */
export class EventRouter {
  constructor(private readonly options: RouterOptions) {}

  route(event: RoutedEvent): void {
    const { model, archives } = this.options;
    archives.record(event);
    for (const rule of model.rules) {
      if (
        rule.eventBusName !== event.eventBusName ||
        rule.state !== 'ENABLED' ||
        rule.pattern === undefined
      ) {
        continue;
      }
      if (matches(rule.pattern, event.envelope)) this.deliverToRule(rule, event);
    }
  }

  /** Hands an event to every target of one rule, each in the background with its own retries. */
  deliverToRule(rule: RuleModel, event: RoutedEvent): void {
    const label = `event ${event.envelope.source}/${event.envelope['detail-type']} -> rule ${rule.name}`;
    if (rule.targets.length === 0) this.options.trace(`${label} (no targets)`, event.envelope);
    for (const target of rule.targets) {
      this.options.trace(`${label} -> target ${target.arn}`, event.envelope);
      this.options.work.track(
        () => this.deliver(rule, target, event, label),
        (error) => this.options.warn(`${label} -> target ${target.arn}: ${String(error)}`),
      );
    }
  }

  private async deliver(
    rule: RuleModel,
    target: TargetModel,
    event: RoutedEvent,
    label: string,
  ): Promise<void> {
    const { dispatcher, work } = this.options;
    const where = `${label} -> target ${target.arn}`;
    const outcome = await deliverWithRetries(
      async () => {
        const input = targetInput(target, event.envelope, {
          ruleArn: rule.arn,
          ruleName: rule.name,
          ingestionTime: eventTime(new Date(event.ingestedAt)),
        });
        await sendToTarget(target, input, event.envelope, dispatcher, (bus, envelope) =>
          this.forward(bus, envelope, event.hops + 1),
        );
      },
      target.retryPolicy,
      event.ingestedAt,
      {
        retryDelayMs: this.options.retryDelayMs,
        now: this.options.now,
        sleep: (ms) => work.sleep(ms),
        onFailedAttempt: (attempt, code, message) =>
          this.options.trace(`${where} failed (attempt ${attempt}): ${code} ${message}`),
      },
    );
    if (!outcome.ok && !outcome.closed) await this.deadLetter(rule, target, event.envelope, outcome, where);
  }

  private async deadLetter(
    rule: RuleModel,
    target: TargetModel,
    envelope: EventEnvelope,
    failure: Extract<DeliveryOutcome, { ok: false }>,
    where: string,
  ): Promise<void> {
    const reason = failure.exhausted ?? failure.code;
    if (target.deadLetterArn === undefined) {
      this.options.warn(
        `${where}: dropped (${reason}: ${failure.message}); the target has no dead-letter queue`,
      );
      return;
    }
    this.options.trace(`${where} -> dead-letter queue ${target.deadLetterArn} (${reason})`);
    await this.options.dispatcher.sendToQueue(target.deadLetterArn, JSON.stringify(envelope), {
      messageAttributes: deadLetterAttributes(rule.arn, target.arn, failure),
    });
  }

  private forward(busName: string, envelope: EventEnvelope, hops: number): void {
    if (!this.options.model.buses.has(busName)) {
      throw new TargetDeliveryError('NO_RESOURCE', `Event bus ${busName} does not exist.`, false);
    }
    if (hops > MAX_HOPS) {
      this.options.warn(`event ${envelope.id} forwarded more than ${MAX_HOPS} times; dropped as a loop`);
      return;
    }
    this.options.trace(`event ${envelope.source}/${envelope['detail-type']} -> bus ${busName}`, envelope);
    this.route({ envelope, eventBusName: busName, ingestedAt: this.options.now(), hops });
  }
}
