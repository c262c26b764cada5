import { Duration } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CALLBACK_TYPES, NOTIFICATIONS_ENV } from '../../../lambdas/notifications/contract';
import {
  CALLBACK_SIGNING_KEY_SECRET_ENV,
  CALLBACK_URL_POLICY_ENV,
  ORDERS_EVENT_SOURCE,
  ORDERS_INTERNAL_ROUTES,
} from '../../../lambdas/orders/contract';
import type { StageConfig } from '../../config/stage-config';
import { EventConsumer } from '../../constructs/event-consumer';
import { importInternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface WebhookNotificationsProps {
  readonly config: StageConfig;
  /** Where the orders' events come from. */
  readonly bus: IEventBus;
  /** The orders service's key, from which each order's callback secret is derived. */
  readonly callbackSigningKey: ISecret;
}

/**
 * Signed callbacks (Standard Webhooks 1.0) of an order's final status, fire and forget for the orders
 * service: a rule takes the orders' OrderPlaced (where to call back) and final statuses to this service's
 * queue; its function signs and POSTs each, records every attempt, and paces its own retries on the
 * stage's schedule (ChangeMessageVisibility), so the queue dead-letters a callback only after the last.
 * `GET /orders/{orderId}/callbacks` lists the attempts; in non-production stages
 * `POST /orders/{orderId}/callbacks/replay` makes one more now.
 */
export class WebhookNotifications extends Construct {
  readonly callbacks: ServiceTable;
  readonly deliveries: EventConsumer;
  readonly listCallbacks: IFunction;
  readonly replayCallback?: IFunction;

  constructor(scope: Construct, id: string, props: WebhookNotificationsProps) {
    super(scope, id);
    const { config } = props;
    const settings = config.callbacks;
    this.callbacks = new ServiceTable(this, 'Callbacks', {
      config,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
    const ordersApi = importInternalApi(config, 'orders');
    const deliveryEnvironment = {
      [NOTIFICATIONS_ENV.callbacksTable]: this.callbacks.table.tableName,
      [NOTIFICATIONS_ENV.retrySchedule]: settings.retrySchedule.map((wait) => wait.toSeconds()).join(','),
      [NOTIFICATIONS_ENV.deliveryTimeout]: String(settings.deliveryTimeout.toMilliseconds()),
      [NOTIFICATIONS_ENV.ordersApiUrl]: ordersApi.url,
      [CALLBACK_SIGNING_KEY_SECRET_ENV]: props.callbackSigningKey.secretArn,
      [CALLBACK_URL_POLICY_ENV]: settings.urlPolicy,
    };
    // A delivery waits for the receiver, and first for the orders service's view of the order.
    const functionTimeout = settings.deliveryTimeout.plus(Duration.seconds(10));
    const attempts = settings.retrySchedule.length + 1;
    this.deliveries = new EventConsumer(this, 'Deliveries', {
      config,
      service: 'notifications',
      handler: 'deliver-callbacks',
      description:
        'OrderPlaced -> where to call back; OrderConfirmed, OrderRejected, OrderCancelled -> signed callback',
      bus: props.bus,
      subscriptions: [
        { source: ORDERS_EVENT_SOURCE, detailTypes: ['OrderPlaced'], choreographedOnly: false },
        { source: ORDERS_EVENT_SOURCE, detailTypes: Object.keys(CALLBACK_TYPES), choreographedOnly: false },
      ],
      environment: deliveryEnvironment,
      deadLetterPurpose: 'callbacks whose every attempt failed, and events that name no order',
      delivery: {
        visibilityTimeout: functionTimeout.plus(Duration.seconds(5)),
        // Two receives more than attempts: a final status may arrive before its order's OrderPlaced.
        maxReceiveCount: attempts + 2,
        functionTimeout,
      },
    });
    const deliver = this.deliveries.function.function;
    deliver.addEnvironment(NOTIFICATIONS_ENV.queueUrl, this.deliveries.queue.queueUrl);
    // It paces its own retries (a failed callback's message hidden until its next attempt is due) with
    // sqs:ChangeMessageVisibility, which the event source mapping's grant on the queue already includes.
    this.grantDelivery(deliver, props.callbackSigningKey, ordersApi);

    this.listCallbacks = new ServiceFunction(this, 'ListCallbacks', {
      config,
      service: 'notifications',
      handler: 'list-callbacks',
      invocation: 'sync',
      description: 'GET /orders/{orderId}/callbacks: the order callback attempts',
      environment: { [NOTIFICATIONS_ENV.callbacksTable]: this.callbacks.table.tableName },
    }).function;
    this.callbacks.grant(this.listCallbacks, ['dynamodb:GetItem', 'dynamodb:Query']);

    if (config.testHooks) {
      const replay = new ServiceFunction(this, 'ReplayCallback', {
        config,
        service: 'notifications',
        handler: 'replay-callback',
        invocation: 'sync',
        description: 'POST /orders/{orderId}/callbacks/replay (non-production): one more attempt now',
        environment: deliveryEnvironment,
        timeout: functionTimeout,
      }).function;
      this.grantDelivery(replay, props.callbackSigningKey, ordersApi);
      this.replayCallback = replay;
    }
  }

  /** What sending a callback takes: the records, the signing key, and the order as of its event. */
  private grantDelivery(
    fn: IFunction,
    signingKey: ISecret,
    ordersApi: ReturnType<typeof importInternalApi>,
  ): void {
    this.callbacks.grant(fn, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    ]);
    signingKey.grantRead(fn);
    ordersApi.grantInvoke(fn, ORDERS_INTERNAL_ROUTES.getOrder);
  }
}
