import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { AlarmTopic } from '../constructs/alarm-topic';
import { DomainEventBus } from '../constructs/domain-event-bus';

export interface EventsStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * What every service shares and none owns: the domain-event bus every service publishes to and subscribes
 * from, and the stage's alarm topic every alarm notifies.
 */
export class EventsStack extends Stack {
  readonly events: DomainEventBus;
  readonly alarms: AlarmTopic;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    this.events = new DomainEventBus(this, 'DomainEvents', {
      busName: `${props.config.stackPrefix}-domain-events`,
      archiveRetention: props.config.events.archiveRetention,
    });
    this.alarms = new AlarmTopic(this, 'Alarms', { config: props.config });
  }
}
