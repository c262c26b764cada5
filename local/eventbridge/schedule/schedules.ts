import { randomUUID } from 'node:crypto';
import { eventTime, type RoutedEvent } from '../events/envelope';
import type { RuleModel } from '../model/types';
import { ratePeriodMs } from './rate';

export interface ScheduleContext {
  readonly accountId: string;
  readonly region: string;
  readonly now: () => number;
  /** Delivers a scheduled event to the targets of its rule only, as EventBridge does. */
  readonly fire: (rule: RuleModel, event: RoutedEvent) => void;
}

/**
 * Runs the enabled `rate(...)` rules: every period, the rule's targets get EventBridge's
 * `Scheduled Event` (source `aws.events`, the rule's ARN in `resources`, empty detail). The first one
 * comes one period after start, not aligned to the clock as AWS aligns it.
 */
export class Schedules {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly context: ScheduleContext) {}

  start(rules: readonly RuleModel[]): void {
    for (const rule of rules) {
      const period =
        rule.scheduleExpression === undefined ? undefined : ratePeriodMs(rule.scheduleExpression);
      if (period === undefined || rule.state !== 'ENABLED') continue;
      this.timers.push(setInterval(() => this.context.fire(rule, this.scheduledEvent(rule)), period));
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  private scheduledEvent(rule: RuleModel): RoutedEvent {
    const now = this.context.now();
    return {
      envelope: {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.context.accountId,
        time: eventTime(new Date(now)),
        region: this.context.region,
        resources: [rule.arn],
        detail: {},
      },
      eventBusName: rule.eventBusName,
      ingestedAt: now,
      hops: 0,
    };
  }
}
