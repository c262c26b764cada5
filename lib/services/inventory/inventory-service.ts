import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { INVENTORY_EVENT_SOURCE } from '../../../lambdas/inventory/contract';
import { ORDERS_EVENT_SOURCE } from '../../../lambdas/orders/contract';
import { PAYMENTS_EVENT_SOURCE } from '../../../lambdas/payments/contract';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { EventConsumer } from '../../constructs/event-consumer';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { TransactionalOutbox } from '../../constructs/transactional-outbox';

export interface InventoryServiceProps {
  readonly config: StageConfig;
  /** Where the inventory's events are published (through its outbox). */
  readonly bus: IEventBus;
}

/**
 * The inventory service: stock per SKU and one reservation per order in the Inventory table. The saga
 * reserves (all lines or none, never overselling) and, to compensate, releases exactly what an order
 * reserved; each change publishes its event through the service's transactional outbox. Non-production
 * stages add `PUT/GET /inventory/{sku}` to set and read stock.
 */
export class InventoryService extends Construct {
  readonly inventory: ServiceTable;
  readonly outbox: TransactionalOutbox;
  /** Its part in the choreographed saga: reserves placed orders, gives stock back when payment fails. */
  readonly choreography: EventConsumer;
  readonly reserve: IFunction;
  readonly release: IFunction;
  /** The stock test hooks, in stages that have them. */
  readonly stockApi?: { readonly setStock: IFunction; readonly getStock: IFunction };
  /** `GET /products/{sku}`: the catalogue's view of a SKU, for the edge's public API. */
  readonly getProduct: IFunction;

  constructor(scope: Construct, id: string, props: InventoryServiceProps) {
    super(scope, id);
    const { config } = props;
    this.inventory = new ServiceTable(this, 'Inventory', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    this.outbox = new TransactionalOutbox(this, 'Events', {
      config,
      service: 'inventory',
      source: INVENTORY_EVENT_SOURCE,
      bus: props.bus,
    });
    const fn = (fnId: string, handler: string, description: string, step?: SagaStep) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'inventory',
        handler,
        invocation: 'sync',
        description,
        ...(step ? { functionName: sagaStepFunctionName(config, step) } : {}),
        environment: { INVENTORY_TABLE_NAME: this.inventory.table.tableName, ...this.outbox.environment },
      }).function;

    this.reserve = fn(
      'ReserveInventory',
      'reserve-inventory',
      'Saga step: reserves every line of an order, or none',
      'ReserveInventory',
    );
    // Prices (BatchGetItem), the repeat check (GetItem), and the transactions' Puts and Updates: the
    // reservation or the refusal, the stock, the event.
    this.inventory.grant(this.reserve, [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    this.outbox.grantWrite(this.reserve);

    this.release = fn(
      'ReleaseInventory',
      'release-inventory',
      'Saga compensation: gives back what an order reserved',
      'ReleaseInventory',
    );
    // A release before any reservation is a Put (the record that nothing will be reserved).
    this.inventory.grant(this.release, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    this.outbox.grantWrite(this.release);

    this.choreography = new EventConsumer(this, 'Choreography', {
      config,
      service: 'inventory',
      handler: 'consume-events',
      description: 'Choreography: OrderPlaced -> reserve; PaymentDeclined, PaymentRefunded -> release',
      bus: props.bus,
      subscriptions: [
        { source: ORDERS_EVENT_SOURCE, detailTypes: ['OrderPlaced'], choreographedOnly: true },
        { source: PAYMENTS_EVENT_SOURCE, detailTypes: ['PaymentDeclined'], choreographedOnly: true },
        { source: PAYMENTS_EVENT_SOURCE, detailTypes: ['PaymentRefunded'], choreographedOnly: true },
      ],
      environment: { INVENTORY_TABLE_NAME: this.inventory.table.tableName, ...this.outbox.environment },
    });
    // What the reservation and release steps may do, together.
    this.inventory.grant(this.choreography.function.function, [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    this.outbox.grantWrite(this.choreography.function.function);

    // The public catalogue's read (GET /products/{sku}, anonymous, cached at the edge): every stage.
    this.getProduct = fn('GetProduct', 'get-product', 'GET /products/{sku}: the catalogue view of a SKU');
    this.inventory.grant(this.getProduct, ['dynamodb:GetItem']);

    if (config.testHooks) {
      const setStock = fn(
        'SetStock',
        'set-stock',
        'PUT /inventory/{sku}: sets available stock (non-production)',
      );
      this.inventory.grant(setStock, ['dynamodb:UpdateItem']);
      const getStock = fn('GetStock', 'get-stock', 'GET /inventory/{sku}: available and reserved stock');
      this.inventory.grant(getStock, ['dynamodb:GetItem']);
      this.stockApi = { setStock, getStock };
    }
  }
}
