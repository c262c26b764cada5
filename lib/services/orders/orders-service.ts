import { CfnOutput, Validations } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INVENTORY_EVENT_SOURCE } from '../../../lambdas/inventory/contract';
import {
  BY_CUSTOMER_INDEX,
  BY_STATUS_INDEX,
  CALLBACK_SIGNING_KEY_SECRET_ENV,
  CALLBACK_URL_POLICY_ENV,
  ORDERS_EVENT_SOURCE,
  ORDERS_INTERNAL_ROUTES,
  SNAPSHOTS_BY_TIME_INDEX,
} from '../../../lambdas/orders/contract';
import { SHIPPING_EVENT_SOURCE } from '../../../lambdas/shipping/contract';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { grantPublishAs } from '../../constructs/domain-event-bus';
import { EventConsumer } from '../../constructs/event-consumer';
import { InternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { StreamConsumer } from '../../constructs/stream-consumer';
import type { CustomerLookup } from '../customers/customers-service';

export interface OrdersServiceProps {
  readonly config: StageConfig;
  /** Where the orders' domain events are published. */
  readonly bus: IEventBus;
  /** Placing an order checks that its customer exists, through the customers service's internal API. */
  readonly customers: CustomerLookup;
}

/**
 * The orders service: an event-sourced Order aggregate with CQRS.
 * - Write side: the EventStore (one item per event; partition key the order id, sort key the version),
 *   Snapshots of the aggregate every N events, and the idempotency records of its commands.
 * - Read side: the OrderViews table (one item per order, plus "orders of a customer" and "orders by status"
 *   indexes), fed from the EventStore's stream by the projector.
 * - Outbox: the same stream feeds the publisher, which puts every event on the bus. Commands write one
 *   thing, their append; everything else follows from the stream.
 */
export class OrdersService extends Construct {
  readonly eventStore: ServiceTable;
  readonly snapshots: ServiceTable;
  readonly orderViews: ServiceTable;
  readonly idempotency: ServiceTable;
  readonly placeOrder: IFunction;
  /** `{ key }`: what each order's callback secret is derived from. */
  readonly callbackSigningKey: secretsmanager.ISecret;
  readonly getOrder: IFunction;
  readonly getOrderHistory: IFunction;
  readonly cancelOrder: IFunction;
  readonly listCustomerOrders: IFunction;
  /** Place, read and cancel orders, and list a customer's, for other services (IAM-authorized). */
  readonly internalApi: InternalApi;
  readonly loadOrderStatus: IFunction;
  readonly confirmOrder: IFunction;
  readonly rejectOrder: IFunction;
  readonly projector: ServiceFunction;
  readonly publisher: ServiceFunction;
  readonly projection: StreamConsumer;
  readonly publication: StreamConsumer;
  /** Its part in the choreographed saga: confirms, rejects or cancels the order from the chain's last event. */
  readonly choreography: EventConsumer;
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, props: OrdersServiceProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    if (!(Number.isInteger(config.orders.snapshotEvery) && config.orders.snapshotEvery >= 2)) {
      throw new Error(
        `orders.snapshotEvery must be a whole number of at least 2, got ${config.orders.snapshotEvery}.`,
      );
    }

    this.eventStore = new ServiceTable(this, 'EventStore', {
      config,
      partitionKey: { name: 'aggregateId', type: AttributeType.STRING },
      sortKey: { name: 'version', type: AttributeType.NUMBER },
      stream: StreamViewType.NEW_IMAGE,
    });
    this.snapshots = new ServiceTable(this, 'Snapshots', {
      config,
      partitionKey: { name: 'aggregateId', type: AttributeType.STRING },
      sortKey: { name: 'version', type: AttributeType.NUMBER },
      localSecondaryIndexes: [
        { indexName: SNAPSHOTS_BY_TIME_INDEX, sortKey: { name: 'occurredAt', type: AttributeType.STRING } },
      ],
    });
    // Its stream carries every change of a view, for the push service's subscribers.
    this.orderViews = new ServiceTable(this, 'OrderViews', {
      config,
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      stream: StreamViewType.NEW_IMAGE,
      globalSecondaryIndexes: [
        {
          indexName: BY_CUSTOMER_INDEX,
          partitionKey: { name: 'customerId', type: AttributeType.STRING },
          sortKey: { name: 'customerOrderKey', type: AttributeType.STRING },
          projectionType: ProjectionType.ALL,
        },
        {
          indexName: BY_STATUS_INDEX,
          partitionKey: { name: 'status', type: AttributeType.STRING },
          sortKey: { name: 'updatedAt', type: AttributeType.STRING },
          projectionType: ProjectionType.ALL,
        },
      ],
    });
    this.idempotency = new ServiceTable(this, 'Idempotency', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });

    const repository = {
      EVENT_STORE_TABLE_NAME: this.eventStore.table.tableName,
      SNAPSHOTS_TABLE_NAME: this.snapshots.table.tableName,
      SNAPSHOT_EVERY: String(config.orders.snapshotEvery),
    };
    const views = { ORDER_VIEWS_TABLE_NAME: this.orderViews.table.tableName };

    // Each order's callback secret is derived from this key (lambdas/orders/contract/callbacks.ts), so no
    // secret is ever stored; the notifications service reads it too, to sign.
    this.callbackSigningKey = new secretsmanager.Secret(this, 'CallbackSigningKey', {
      description: 'The key each order callback secret is derived from (HMAC-SHA256 of the order id)',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'key',
        excludePunctuation: true,
        passwordLength: 64,
      },
    });
    Validations.of(this.callbackSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the key changes every order secret at once, invalidating the secrets receivers hold for orders still in flight: a rotation is a planned, announced operation, not a schedule.',
    });

    const place = this.httpFunction(
      'PlaceOrder',
      'place-order',
      'POST /orders: accepts an order (idempotent) and appends OrderPlaced',
      {
        ...repository,
        IDEMPOTENCY_TABLE_NAME: this.idempotency.table.tableName,
        CUSTOMERS_API_URL: props.customers.url,
        CUSTOMERS_API_TIMEOUT_MS: String(config.orders.customerLookupTimeout.toMilliseconds()),
        [CALLBACK_SIGNING_KEY_SECRET_ENV]: this.callbackSigningKey.secretArn,
        [CALLBACK_URL_POLICY_ENV]: config.callbacks.urlPolicy,
      },
    );
    props.customers.grantLookup(place);
    this.callbackSigningKey.grantRead(place);
    // Append-only: the EventStore is written, never read, by this function (conditional puts only).
    this.eventStore.grant(place, ['dynamodb:PutItem']);
    // Exactly what Powertools idempotency does with its records.
    this.idempotency.grant(place, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    this.placeOrder = place;

    const get = this.httpFunction(
      'GetOrder',
      'get-order',
      'GET /orders/{orderId}: the read model; ?asOf= rebuilds from the event store',
      {
        ...repository,
        ...views,
      },
    );
    this.orderViews.grant(get, ['dynamodb:GetItem']);
    // Snapshot plus tail for asOf and for orders not projected yet; reads only.
    this.eventStore.grant(get, ['dynamodb:Query']);
    this.snapshots.grant(get, ['dynamodb:Query']);
    this.snapshots.grant(get, ['dynamodb:Query'], { index: SNAPSHOTS_BY_TIME_INDEX });
    this.getOrder = get;

    const history = this.httpFunction(
      'GetOrderHistory',
      'get-order-history',
      "GET /orders/{orderId}/history: an order's events, paginated",
      {
        EVENT_STORE_TABLE_NAME: this.eventStore.table.tableName,
      },
    );
    this.eventStore.grant(history, ['dynamodb:Query']);
    this.getOrderHistory = history;

    const list = this.httpFunction(
      'ListCustomerOrders',
      'list-customer-orders',
      "GET /customers/{customerId}/orders: a customer's orders, newest first",
      views,
    );
    this.orderViews.grant(list, ['dynamodb:Query'], { index: BY_CUSTOMER_INDEX });
    this.listCustomerOrders = list;

    // Cancellation is asked for here and runs by choreography: load (snapshot + tail), append, snapshot.
    const cancel = this.httpFunction(
      'CancelOrder',
      'cancel-order',
      'POST /orders/{orderId}/cancel: records OrderCancellationRequested for a confirmed order',
      repository,
    );
    this.eventStore.grant(cancel, ['dynamodb:Query', 'dynamodb:PutItem']);
    this.snapshots.grant(cancel, ['dynamodb:Query', 'dynamodb:PutItem']);
    this.cancelOrder = cancel;

    // The shop's own apps' backends place, read and cancel orders as the public API's clients do, with a
    // grant per method instead of a token: the same functions behind an IAM-authorized API.
    this.internalApi = new InternalApi(this, 'InternalApi', {
      config,
      service: 'orders',
      description:
        "Orders service API for other services (IAM-authorized): place, read, cancel, a customer's orders",
    });
    const routes = ORDERS_INTERNAL_ROUTES;
    this.internalApi.addRoute(routes.placeOrder, place, 'PlaceOrder');
    this.internalApi.addRoute(routes.getOrder, get, 'GetOrder');
    this.internalApi.addRoute(routes.cancelOrder, cancel, 'CancelOrder');
    this.internalApi.addRoute(routes.listCustomerOrders, list, 'ListCustomerOrders');

    // The saga's first step: the order's status from its events (snapshot + tail); reads only.
    const load = this.httpFunction(
      'LoadOrderStatus',
      'load-order-status',
      "Saga step: the order's status, so that a saga for a decided order does nothing",
      repository,
      sagaStepFunctionName(config, 'LoadOrderStatus'),
    );
    this.eventStore.grant(load, ['dynamodb:Query']);
    this.snapshots.grant(load, ['dynamodb:Query']);
    this.loadOrderStatus = load;

    // The saga's last steps: load (snapshot + tail), append, snapshot when due.
    const sagaTask = (fnId: SagaStep, handler: string, description: string) => {
      const task = this.httpFunction(
        fnId,
        handler,
        description,
        repository,
        sagaStepFunctionName(config, fnId),
      );
      this.eventStore.grant(task, ['dynamodb:Query', 'dynamodb:PutItem']);
      this.snapshots.grant(task, ['dynamodb:Query', 'dynamodb:PutItem']);
      return task;
    };
    this.confirmOrder = sagaTask(
      'ConfirmOrder',
      'confirm-order',
      'Saga step: records OrderConfirmed with the total',
    );
    this.rejectOrder = sagaTask(
      'RejectOrder',
      'reject-order',
      'Saga step: records OrderRejected with the reason',
    );

    this.choreography = new EventConsumer(this, 'Choreography', {
      config,
      service: 'orders',
      handler: 'consume-events',
      description:
        'Choreography: ShipmentScheduled -> confirm; InventoryOutOfStock, InventoryReleased -> reject (or cancel)',
      bus: props.bus,
      subscriptions: [
        { source: SHIPPING_EVENT_SOURCE, detailTypes: ['ShipmentScheduled'], choreographedOnly: true },
        { source: INVENTORY_EVENT_SOURCE, detailTypes: ['InventoryOutOfStock'], choreographedOnly: true },
        { source: INVENTORY_EVENT_SOURCE, detailTypes: ['InventoryReleased'], choreographedOnly: true },
      ],
      environment: repository,
    });
    this.eventStore.grant(this.choreography.function.function, ['dynamodb:Query', 'dynamodb:PutItem']);
    this.snapshots.grant(this.choreography.function.function, ['dynamodb:Query', 'dynamodb:PutItem']);

    this.projector = new ServiceFunction(this, 'ProjectOrderViews', {
      config,
      service: 'orders',
      handler: 'project-order-views',
      invocation: 'stream',
      description: 'EventStore stream -> OrderViews read model (CQRS projection)',
      environment: { EVENT_STORE_TABLE_NAME: this.eventStore.table.tableName, ...views },
    });
    // The read model only; the event store is read (to fill gaps), never written.
    this.orderViews.grant(this.projector.function, [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    this.eventStore.grant(this.projector.function, ['dynamodb:Query']);
    this.projection = new StreamConsumer(this, 'Projection', {
      table: this.eventStore.table,
      consumer: this.projector.function,
      config: config.orders.projector,
      purpose: 'EventStore records the OrderViews projector could not apply',
      eventNames: ['INSERT'],
    });

    this.publisher = new ServiceFunction(this, 'PublishOrderEvents', {
      config,
      service: 'orders',
      handler: 'publish-order-events',
      invocation: 'stream',
      description: 'EventStore stream -> domain events on the bus (outbox relay)',
      environment: { EVENT_BUS_NAME: props.bus.eventBusName },
    });
    // Its bus, as shop.orders, and nothing else: no table access beyond reading the stream.
    grantPublishAs(props.bus, this.publisher.function, ORDERS_EVENT_SOURCE);
    this.publication = new StreamConsumer(this, 'Publication', {
      table: this.eventStore.table,
      consumer: this.publisher.function,
      config: config.orders.publisher,
      purpose: 'EventStore records the publisher could not put on the bus',
      eventNames: ['INSERT'],
    });

    new CfnOutput(this, 'EventStoreTableName', {
      key: 'EventStoreTableName',
      value: this.eventStore.table.tableName,
    });
    new CfnOutput(this, 'OrderViewsTableName', {
      key: 'OrderViewsTableName',
      value: this.orderViews.table.tableName,
    });
  }

  /** A function invoked synchronously: by API Gateway or as a Step Functions task. */
  private httpFunction(
    id: string,
    handler: string,
    description: string,
    environment: Record<string, string>,
    functionName?: string,
  ): IFunction {
    return new ServiceFunction(this, id, {
      config: this.config,
      service: 'orders',
      handler,
      invocation: 'sync',
      description,
      ...(functionName ? { functionName } : {}),
      environment,
    }).function;
  }
}
