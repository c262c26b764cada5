import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface DomainEventBusProps {
  readonly busName: string;
  readonly archiveRetention: Duration;
}

/**
 * The shop's domain-event bus, with an archive of every event put on it, so a consumer can be replayed
 * from the past (consumers are idempotent by event id, which makes a replay safe).
 */
export class DomainEventBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;

  constructor(scope: Construct, id: string, props: DomainEventBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    this.archive = this.bus.archive('Archive', {
      description: 'Every domain event of the shop, for replays',
      // Every shop service publishes as shop.<service>.
      eventPattern: { source: events.Match.prefix('shop.') },
      retention: props.archiveRetention,
    });
  }
}

/**
 * Lets a service's publisher put events on the bus as the service's own source and no other
 * (`events:source`), so that no service can speak for another.
 */
export function grantPublishAs(bus: events.IEventBus, grantee: iam.IGrantable, source: string): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['events:PutEvents'],
    resourceArns: [bus.eventBusArn],
    conditions: { StringEquals: { 'events:source': source } },
  });
}
