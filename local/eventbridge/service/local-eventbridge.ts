import { type AwsJsonService, AwsServiceError } from '../../endpoint/aws-json-service';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../../model/resolved-resource';
import { PendingWork } from '../../shared/pending-work';
import type { ArchiveLog } from '../archive-files';
import { Archives } from '../archives';
import type { TargetDispatcher } from '../delivery/dispatcher';
import { defaultRetryDelayMs } from '../delivery/retry-policy';
import { EventRouter } from '../event-router';
import type { EventEnvelope } from '../events/envelope';
import type { EntryContext } from '../events/validate-entry';
import type { EventBridgeModel } from '../model/types';
import { Schedules } from '../schedule/schedules';
import { describeEventBus, listArchives, listEventBuses } from './bus-operations';
import { putEvents } from './put-events';
import { describeRule, listRules, listTargetsByRule } from './rule-operations';
import { testEventPattern } from './test-event-pattern';

export interface LocalEventBridgeOptions {
  readonly model: EventBridgeModel;
  readonly dispatcher: TargetDispatcher;
  readonly accountId?: string;
  readonly region?: string;
  /** The wait before retry n of a failed delivery; default: exponential backoff with jitter. */
  readonly retryDelayMs?: (retry: number) => number;
  /** The clock (epoch ms) for event times and MaximumEventAgeInSeconds; tests move it. */
  readonly now?: () => number;
  /** One readable line per step: `event <source>/<detail-type> -> rule <name> -> target <arn>`. */
  readonly onTrace?: (line: string, subject?: unknown) => void;
  /** Events lost (no DLQ, DLQ failed, loops); default: console.warn, never silent. */
  readonly onWarning?: (message: string) => void;
  /** Keeps archived events across restarts (`archiveFiles(dir)`); default: in memory only. */
  readonly archiveLog?: ArchiveLog;
}

/**
 * The local EventBridge: the AWSEvents JSON protocol (awsJson1.1) over the template's buses, rules and
 * archives, with asynchronous delivery to Lambda, SQS, Step Functions and other buses.
 */
export class LocalEventBridge implements AwsJsonService {
  readonly targetPrefix = 'AWSEvents';
  readonly jsonVersion = '1.1';

  private readonly model: EventBridgeModel;
  private readonly work = new PendingWork();
  private readonly archives: Archives;
  private readonly router: EventRouter;
  private readonly schedules: Schedules;
  private readonly entryContext: EntryContext;

  constructor(options: LocalEventBridgeOptions) {
    const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
    const region = options.region ?? LOCAL_REGION;
    const now = options.now ?? Date.now;
    const trace = options.onTrace ?? (() => {});
    this.model = options.model;
    this.archives = new Archives(options.model.archives, options.archiveLog);
    this.router = new EventRouter({
      model: options.model,
      dispatcher: options.dispatcher,
      archives: this.archives,
      work: this.work,
      retryDelayMs: options.retryDelayMs ?? defaultRetryDelayMs,
      now,
      trace,
      warn: options.onWarning ?? ((message) => console.warn(`[eventbridge] ${message}`)),
    });
    this.schedules = new Schedules({
      accountId,
      region,
      now,
      fire: (rule, event) => {
        trace(`schedule ${rule.scheduleExpression} -> rule ${rule.name}`);
        this.router.deliverToRule(rule, event);
      },
    });
    this.entryContext = { accountId, region, now, busExists: (name) => this.model.buses.has(name) };
  }

  async handle(operation: string, input: Record<string, unknown>): Promise<unknown> {
    if (this.work.isClosed)
      throw new AwsServiceError('ServiceUnavailable', 'The local EventBridge is closed', 503);
    switch (operation) {
      case 'PutEvents':
        return putEvents(input, this.entryContext, (event) => this.router.route(event));
      case 'TestEventPattern':
        return testEventPattern(input);
      case 'ListRules':
        return listRules(this.model, input);
      case 'DescribeRule':
        return describeRule(this.model, input, this.entryContext.accountId);
      case 'ListTargetsByRule':
        return listTargetsByRule(this.model, input);
      case 'ListEventBuses':
        return listEventBuses(this.model, input);
      case 'DescribeEventBus':
        return describeEventBus(this.model, input);
      case 'ListArchives':
        return listArchives(this.model, this.archives, input);
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `${operation} is not supported by the local EventBridge (rules and buses come from the template)`,
        );
    }
  }

  /** Starts the `rate(...)` rules' timers (not started by the constructor, so tests stay timer-free). */
  startSchedules(): void {
    this.schedules.start(this.model.rules);
  }

  /** The events an archive recorded, oldest first; undefined for an unknown archive. */
  archivedEvents(archiveName: string): readonly EventEnvelope[] | undefined {
    return this.archives.eventsOf(archiveName);
  }

  /** Resolves when every delivery has succeeded, been dead-lettered or dropped. */
  drain(): Promise<void> {
    return this.work.drain();
  }

  /** Stops the schedules and cuts retry waits short (those events are dropped); then drains. */
  async close(): Promise<void> {
    this.schedules.stop();
    this.work.close();
    await this.work.drain();
  }
}
