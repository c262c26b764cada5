import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface InventoryServiceProps {
  readonly config: StageConfig;
}

/**
 * The inventory service: stock per SKU and one reservation per order in the Inventory table. The saga
 * reserves (all lines or none, never overselling) and, to compensate, releases exactly what an order
 * reserved. Non-production stages add `PUT/GET /inventory/{sku}` to set and read stock.
 */
export class InventoryService extends Construct {
  readonly inventory: ServiceTable;
  readonly reserve: IFunction;
  readonly release: IFunction;
  /** The stock test hooks, in stages that have them. */
  readonly stockApi?: { readonly setStock: IFunction; readonly getStock: IFunction };

  constructor(scope: Construct, id: string, props: InventoryServiceProps) {
    super(scope, id);
    const { config } = props;
    this.inventory = new ServiceTable(this, 'Inventory', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    const fn = (fnId: string, handler: string, description: string, step?: SagaStep) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'inventory',
        handler,
        invocation: 'sync',
        description,
        ...(step ? { functionName: sagaStepFunctionName(config, step) } : {}),
        environment: { INVENTORY_TABLE_NAME: this.inventory.table.tableName },
      }).function;

    this.reserve = fn(
      'ReserveInventory',
      'reserve-inventory',
      'Saga step: reserves every line of an order, or none',
      'ReserveInventory',
    );
    // Prices (BatchGetItem), the repeat check (GetItem), and the transaction's Put and Updates.
    this.inventory.grant(this.reserve, [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);

    this.release = fn(
      'ReleaseInventory',
      'release-inventory',
      'Saga compensation: gives back what an order reserved',
      'ReleaseInventory',
    );
    this.inventory.grant(this.release, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);

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
