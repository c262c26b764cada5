import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { DomainEventBus } from '../constructs/domain-event-bus';

export interface EventsStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The domain-event bus every service publishes to and subscribes from; no service owns it. */
export class EventsStack extends Stack {
  readonly events: DomainEventBus;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    this.events = new DomainEventBus(this, 'DomainEvents', {
      busName: `${props.config.stackPrefix}-domain-events`,
      archiveRetention: props.config.events.archiveRetention,
    });
  }
}
