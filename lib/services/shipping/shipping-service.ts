import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ORDERS_EVENT_SOURCE } from '../../../lambdas/orders/contract';
import { PAYMENTS_EVENT_SOURCE } from '../../../lambdas/payments/contract';
import { SHIPPING_EVENT_SOURCE, SHIPPING_INTERNAL_ROUTES } from '../../../lambdas/shipping/contract';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { EventConsumer } from '../../constructs/event-consumer';
import { InternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { TransactionalOutbox } from '../../constructs/transactional-outbox';
import { ShippingLabels } from './shipping-labels';

export interface ShippingServiceProps {
  readonly config: StageConfig;
  /** Where shipping's events are published (through its outbox). */
  readonly bus: IEventBus;
  /** Where label requests go: the carrier's queue. */
  readonly carrierRequests: sqs.IQueue;
}

/**
 * The shipping service: one shipment per order in the Shipments table, scheduled and cancelled by the saga;
 * each change publishes its event through the service's transactional outbox. Other services read an
 * order's shipment through its internal API (IAM-authorized). Once the order is confirmed, its label is
 * asked of the carrier (ShippingLabels).
 */
export class ShippingService extends Construct {
  readonly shipments: ServiceTable;
  readonly outbox: TransactionalOutbox;
  /** Its part in the choreographed saga: books the shipment of a paid order. */
  readonly choreography: EventConsumer;
  readonly schedule: IFunction;
  readonly cancel: IFunction;
  /** `GET /shipments/{orderId}` for other services (the apps' backends): what an order's shipment is. */
  readonly getShipment: IFunction;
  readonly internalApi: InternalApi;
  /** A confirmed order's label, asked of the carrier by request/reply over SQS. */
  readonly labels: ShippingLabels;

  constructor(scope: Construct, id: string, props: ShippingServiceProps) {
    super(scope, id);
    const { config } = props;
    this.shipments = new ServiceTable(this, 'Shipments', {
      config,
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
    });
    this.outbox = new TransactionalOutbox(this, 'Events', {
      config,
      service: 'shipping',
      source: SHIPPING_EVENT_SOURCE,
      bus: props.bus,
    });
    const fn = (fnId: SagaStep, handler: string, description: string) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'shipping',
        handler,
        invocation: 'sync',
        description,
        functionName: sagaStepFunctionName(config, fnId),
        environment: { SHIPMENTS_TABLE_NAME: this.shipments.table.tableName, ...this.outbox.environment },
      }).function;
    this.schedule = fn('ScheduleShipment', 'schedule-shipment', 'Saga step: schedules the order shipment');
    this.shipments.grant(this.schedule, ['dynamodb:PutItem', 'dynamodb:GetItem']);
    this.outbox.grantWrite(this.schedule);
    this.cancel = fn('CancelShipment', 'cancel-shipment', 'Saga compensation: cancels the order shipment');
    // A cancellation before any shipment is a Put (the record that none will be booked).
    this.shipments.grant(this.cancel, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    this.outbox.grantWrite(this.cancel);
    this.choreography = new EventConsumer(this, 'Choreography', {
      config,
      service: 'shipping',
      handler: 'consume-events',
      description:
        'Choreography: OrderPlaced (the address) + PaymentCaptured -> schedule; OrderCancellationRequested -> cancel',
      bus: props.bus,
      subscriptions: [
        { source: ORDERS_EVENT_SOURCE, detailTypes: ['OrderPlaced'], choreographedOnly: true },
        { source: PAYMENTS_EVENT_SOURCE, detailTypes: ['PaymentCaptured'], choreographedOnly: true },
        // A cancellation always runs by choreography, whichever style fulfilled the order.
        {
          source: ORDERS_EVENT_SOURCE,
          detailTypes: ['OrderCancellationRequested'],
          choreographedOnly: false,
        },
      ],
      keepsFacts: true,
      environment: { SHIPMENTS_TABLE_NAME: this.shipments.table.tableName, ...this.outbox.environment },
    });
    this.shipments.grant(this.choreography.function.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    this.outbox.grantWrite(this.choreography.function.function);

    this.getShipment = new ServiceFunction(this, 'GetShipment', {
      config,
      service: 'shipping',
      handler: 'get-shipment',
      invocation: 'sync',
      description: 'GET /shipments/{orderId} (internal API): the order shipment',
      environment: { SHIPMENTS_TABLE_NAME: this.shipments.table.tableName },
    }).function;
    this.shipments.grant(this.getShipment, ['dynamodb:GetItem']);
    this.internalApi = new InternalApi(this, 'InternalApi', {
      config,
      service: 'shipping',
      description:
        'Shipping service API for other services (IAM-authorized): shipments by order; operators: a failed label asked again',
    });
    this.internalApi.addRoute(SHIPPING_INTERNAL_ROUTES.getShipment, this.getShipment, 'GetShipment');

    this.labels = new ShippingLabels(this, 'Labels', {
      config,
      bus: props.bus,
      shipments: this.shipments,
      outbox: this.outbox,
      carrierRequests: props.carrierRequests,
    });
    // For operators, with their own IAM identity: no service is granted to invoke it.
    this.internalApi.addRoute(SHIPPING_INTERNAL_ROUTES.askLabelAgain, this.labels.askAgain, 'AskLabelAgain');
  }
}
