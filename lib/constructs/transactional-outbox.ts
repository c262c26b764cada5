import { AttributeType, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { grantPublishAs } from './domain-event-bus';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';
import { StreamConsumer } from './stream-consumer';

export interface TransactionalOutboxProps {
  readonly config: StageConfig;
  /** The service (its `lambdas/` folder), whose events these are. */
  readonly service: string;
  /** Its event source, `shop.<service>`: the only one the relay may publish as. */
  readonly source: string;
  readonly bus: events.IEventBus;
}

/**
 * A service's transactional outbox (lambdas/shared/outbox/): the Outbox table its functions write events
 * to, in the same transaction as the state change they report, and the relay that publishes them. The
 * table's stream (new items only) feeds the relay through our stream defaults (in order, partial failures,
 * bisection, an on-failure queue with an alarm); TTL clears items a day after they were written. The relay
 * may read the stream and put events on the bus as the service's own source, nothing else.
 */
export class TransactionalOutbox extends Construct {
  readonly table: ServiceTable;
  readonly relay: ServiceFunction;
  readonly publication: StreamConsumer;
  /** What a function that writes to the outbox needs in its environment. */
  readonly environment: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: TransactionalOutboxProps) {
    super(scope, id);
    const { config } = props;
    this.table = new ServiceTable(this, 'Outbox', {
      config,
      partitionKey: { name: 'eventId', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      stream: StreamViewType.NEW_IMAGE,
    });
    this.environment = { OUTBOX_TABLE_NAME: this.table.table.tableName };
    this.relay = new ServiceFunction(this, 'Relay', {
      config,
      service: props.service,
      handler: { shared: 'outbox/relay-outbox' },
      invocation: 'stream',
      description: `Outbox stream -> ${props.source} events on the bus (outbox relay)`,
      environment: { EVENT_BUS_NAME: props.bus.eventBusName, EVENT_SOURCE: props.source },
    });
    grantPublishAs(props.bus, this.relay.function, props.source);
    this.publication = new StreamConsumer(this, 'Publication', {
      table: this.table.table,
      consumer: this.relay.function,
      config: config.events.outboxRelay,
      purpose: `${props.source} outbox records the relay could not put on the bus`,
      eventNames: ['INSERT'],
    });
  }

  /** Lets a function write events here, within its transactions: new items only, never a read. */
  grantWrite(grantee: iam.IGrantable): iam.Grant {
    return this.table.grant(grantee, ['dynamodb:PutItem']);
  }
}
