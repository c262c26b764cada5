import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { StageConfig } from '../../config/stage-config';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface OrdersServiceProps {
  readonly config: StageConfig;
}

/**
 * The orders service: an event-sourced Order aggregate. It owns the EventStore (one item per event,
 * partition key the order id, sort key the version) and the idempotency records of its commands.
 */
export class OrdersService extends Construct {
  readonly eventStore: ServiceTable;
  readonly idempotency: ServiceTable;
  readonly placeOrder: IFunction;
  readonly getOrder: IFunction;

  constructor(scope: Construct, id: string, props: OrdersServiceProps) {
    super(scope, id);
    const { config } = props;

    this.eventStore = new ServiceTable(this, 'EventStore', {
      config,
      partitionKey: { name: 'aggregateId', type: AttributeType.STRING },
      sortKey: { name: 'version', type: AttributeType.NUMBER },
    });
    this.idempotency = new ServiceTable(this, 'Idempotency', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });

    const place = new ServiceFunction(this, 'PlaceOrder', {
      config,
      service: 'orders',
      handler: 'place-order',
      invocation: 'sync',
      description: 'POST /orders: accepts an order (idempotent) and appends OrderPlaced',
      environment: {
        EVENT_STORE_TABLE_NAME: this.eventStore.table.tableName,
        IDEMPOTENCY_TABLE_NAME: this.idempotency.table.tableName,
      },
    });
    // Append-only: the EventStore is written, never read, by this function (conditional puts only).
    this.eventStore.table.grant(place.function, 'dynamodb:PutItem');
    // Exactly what Powertools idempotency does with its records.
    this.idempotency.table.grant(
      place.function,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    );
    this.placeOrder = place.function;

    const get = new ServiceFunction(this, 'GetOrder', {
      config,
      service: 'orders',
      handler: 'get-order',
      invocation: 'sync',
      description: 'GET /orders/{orderId}: rebuilds an order from its events',
      environment: { EVENT_STORE_TABLE_NAME: this.eventStore.table.tableName },
    });
    // Replays one stream: a Query on the partition key, nothing else.
    this.eventStore.table.grant(get.function, 'dynamodb:Query');
    this.getOrder = get.function;
  }
}
