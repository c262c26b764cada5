import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INVENTORY_EVENT_SOURCE } from '../../../lambdas/inventory/contract';
import { ORDERS_EVENT_SOURCE } from '../../../lambdas/orders/contract';
import { PAYMENTS_EVENT_SOURCE, PAYMENTS_INTERNAL_ROUTES } from '../../../lambdas/payments/contract';
import { METRICS_NAMESPACE } from '../../../lambdas/shared/metrics-namespace';
import { SHIPPING_EVENT_SOURCE } from '../../../lambdas/shipping/contract';
import { type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { EventConsumer } from '../../constructs/event-consumer';
import { InternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { TransactionalOutbox } from '../../constructs/transactional-outbox';

export interface PaymentsServiceProps {
  readonly config: StageConfig;
  /** The shop's account with the payment provider (`{ url, apiKey }`), read by both payment tasks. */
  readonly providerAccount: ISecret;
  /** Where payments' events are published (through its outbox). */
  readonly bus: IEventBus;
}

/**
 * The payments service: one payment per order in the Payments table, charged and refunded through the
 * payment provider's HTTP API (at the URL and with the key of the shop's account) behind a circuit breaker
 * whose state (CircuitBreakers table) every instance shares. Each answer and settlement publishes its event
 * through the service's transactional outbox. Other services read an order's payment through its
 * internal API (IAM-authorized).
 */
export class PaymentsService extends Construct {
  readonly payments: ServiceTable;
  readonly breakers: ServiceTable;
  readonly outbox: TransactionalOutbox;
  /** Its part in the choreographed saga: charges a reserved order, settles when shipping fails. */
  readonly choreography: EventConsumer;
  readonly charge: IFunction;
  readonly refund: IFunction;
  /** `GET /payments/{orderId}` for other services (the apps' backends): what an order's payment is. */
  readonly getPayment: IFunction;
  readonly internalApi: InternalApi;

  constructor(scope: Construct, id: string, props: PaymentsServiceProps) {
    super(scope, id);
    const { config } = props;
    this.payments = new ServiceTable(this, 'Payments', {
      config,
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
    });
    this.breakers = new ServiceTable(this, 'CircuitBreakers', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    this.outbox = new TransactionalOutbox(this, 'Events', {
      config,
      service: 'payments',
      source: PAYMENTS_EVENT_SOURCE,
      bus: props.bus,
    });
    const { breaker } = config.payments;
    const environment = {
      PAYMENTS_TABLE_NAME: this.payments.table.tableName,
      BREAKER_TABLE_NAME: this.breakers.table.tableName,
      PROVIDER_ACCOUNT_SECRET_ARN: props.providerAccount.secretArn,
      PROVIDER_TIMEOUT_MS: String(config.payments.providerTimeout.toMilliseconds()),
      BREAKER_FAILURES: String(breaker.failures),
      BREAKER_WINDOW_MS: String(breaker.window.toMilliseconds()),
      BREAKER_OPEN_MS: String(breaker.open.toMilliseconds()),
      BREAKER_PROBE_TIMEOUT_MS: String(breaker.probeTimeout.toMilliseconds()),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...this.outbox.environment,
    };
    const fn = (fnId: SagaStep, handler: string, description: string) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'payments',
        handler,
        invocation: 'sync',
        description,
        functionName: sagaStepFunctionName(config, fnId),
        environment,
      }).function;

    this.charge = fn(
      'ChargePayment',
      'charge-payment',
      'Saga step: charges the order through the provider (circuit breaker)',
    );
    this.payments.grant(this.charge, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.outbox.grantWrite(this.charge);
    this.refund = fn('RefundPayment', 'refund-payment', 'Saga compensation: refunds what was captured, once');
    // A settlement replaces the payment's item (a Put, conditioned on what it settles) with its event.
    this.payments.grant(this.refund, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.outbox.grantWrite(this.refund);
    this.choreography = new EventConsumer(this, 'Choreography', {
      config,
      service: 'payments',
      handler: 'consume-events',
      description:
        'Choreography: OrderPlaced (the terms) + InventoryReserved -> charge; ShippingUnavailable, ShipmentCancelled -> refund',
      bus: props.bus,
      subscriptions: [
        { source: ORDERS_EVENT_SOURCE, detailTypes: ['OrderPlaced'], choreographedOnly: true },
        { source: INVENTORY_EVENT_SOURCE, detailTypes: ['InventoryReserved'], choreographedOnly: true },
        { source: SHIPPING_EVENT_SOURCE, detailTypes: ['ShippingUnavailable'], choreographedOnly: true },
        { source: SHIPPING_EVENT_SOURCE, detailTypes: ['ShipmentCancelled'], choreographedOnly: true },
      ],
      keepsFacts: true,
      environment: { ...environment, CHARGE_ATTEMPTS: String(config.choreography.chargeAttempts) },
    });
    const consumer = this.choreography.function.function;
    this.payments.grant(consumer, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.outbox.grantWrite(consumer);

    // The breaker: a consistent read, conditional puts and atomic counts on its own item.
    for (const f of [this.charge, this.refund, consumer]) {
      this.breakers.grant(f, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      props.providerAccount.grantRead(f);
    }

    this.getPayment = new ServiceFunction(this, 'GetPayment', {
      config,
      service: 'payments',
      handler: 'get-payment',
      invocation: 'sync',
      description: 'GET /payments/{orderId} (internal API): the order payment',
      environment: { PAYMENTS_TABLE_NAME: this.payments.table.tableName },
    }).function;
    this.payments.grant(this.getPayment, ['dynamodb:GetItem']);
    this.internalApi = new InternalApi(this, 'InternalApi', {
      config,
      service: 'payments',
      description: 'Payments service API for other services (IAM-authorized): payments by order',
    });
    this.internalApi.addRoute(PAYMENTS_INTERNAL_ROUTES.getPayment, this.getPayment, 'GetPayment');
  }
}
