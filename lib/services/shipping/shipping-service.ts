import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface ShippingServiceProps {
  readonly config: StageConfig;
}

/** The shipping service: one shipment per order in the Shipments table, scheduled and cancelled by the saga. */
export class ShippingService extends Construct {
  readonly shipments: ServiceTable;
  readonly schedule: IFunction;
  readonly cancel: IFunction;

  constructor(scope: Construct, id: string, props: ShippingServiceProps) {
    super(scope, id);
    const { config } = props;
    this.shipments = new ServiceTable(this, 'Shipments', {
      config,
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
    });
    const fn = (fnId: SagaStep, handler: string, description: string) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'shipping',
        handler,
        invocation: 'sync',
        description,
        functionName: sagaStepFunctionName(config, fnId),
        environment: { SHIPMENTS_TABLE_NAME: this.shipments.table.tableName },
      }).function;
    this.schedule = fn('ScheduleShipment', 'schedule-shipment', 'Saga step: schedules the order shipment');
    this.shipments.grant(this.schedule, ['dynamodb:PutItem', 'dynamodb:GetItem']);
    this.cancel = fn('CancelShipment', 'cancel-shipment', 'Saga compensation: cancels the order shipment');
    this.shipments.grant(this.cancel, ['dynamodb:UpdateItem']);
  }
}
