import { Duration } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SagaStyle } from '../../lambdas/orders/contract';
import type { StageConfig } from '../config/stage-config';
import { consumeQueue, queueWithDeadLetters } from './consumed-queue';
import type { DeadLetterQueue } from './dead-letter-queue';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/** One interest of a consumer: events of these types from this source, becoming one rule. */
export interface Subscription {
  readonly source: string;
  readonly detailTypes: readonly string[];
  /**
   * Only events of steps driven by the choreography (`detail.data.sagaStyle`), so that the orchestrated
   * saga's steps, which publish the same event types, start nothing. False for events every order's
   * choreography follows whatever its style (a cancellation).
   */
  readonly choreographedOnly: boolean;
}

export interface EventConsumerProps {
  readonly config: StageConfig;
  /** The consuming service (its `lambdas/` folder), and its handler there. */
  readonly service: string;
  readonly handler: string;
  readonly description: string;
  readonly bus: events.IEventBus;
  readonly subscriptions: readonly Subscription[];
  readonly environment?: Readonly<Record<string, string>>;
  /** Keeps per-order facts from events that must meet (the charge terms from OrderPlaced and the amount). */
  readonly keepsFacts?: boolean;
  /** What its DLQ holds, in words for whoever finds a message there. */
  readonly deadLetterPurpose?: string;
  /**
   * The queue's redelivery, when it is not the choreography's: a consumer that paces its own retries
   * (ChangeMessageVisibility) needs more receives than the choreography's few, and a function timeout of
   * its own when it waits on someone else's server.
   */
  readonly delivery?: {
    readonly visibilityTimeout: Duration;
    readonly maxReceiveCount: number;
    readonly functionTimeout: Duration;
  };
}

/**
 * A service's consumer of the choreographed saga: one rule per interest -> the service's own queue
 * (encrypted, TLS only) -> a function with partial batch responses. A message that keeps failing goes to
 * the queue's DLQ after `maxReceiveCount` receives, and an event EventBridge could not deliver to the queue
 * goes there too (rule target DLQ); the DLQ alarms on its first message. The function is idempotent by
 * event id (Powertools, on its own Idempotency table) and each reaction by order id
 * (lambdas/shared/choreography/event-consumer.ts).
 */
export class EventConsumer extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;
  readonly function: ServiceFunction;
  readonly rules: events.Rule[];
  readonly idempotency: ServiceTable;
  readonly facts?: ServiceTable;

  constructor(scope: Construct, id: string, props: EventConsumerProps) {
    super(scope, id);
    const { config } = props;
    ({ queue: this.queue, deadLetters: this.deadLetters } = queueWithDeadLetters(
      this,
      config,
      props.deadLetterPurpose ??
        `${props.service}'s choreography events it could not handle (the order's deadline settles it)`,
      props.delivery,
    ));
    this.idempotency = new ServiceTable(this, 'Idempotency', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });
    if (props.keepsFacts) {
      this.facts = new ServiceTable(this, 'Facts', {
        config,
        partitionKey: { name: 'orderId', type: AttributeType.STRING },
        timeToLiveAttribute: 'expiresAt',
      });
    }
    this.function = new ServiceFunction(this, 'Consumer', {
      config,
      service: props.service,
      handler: props.handler,
      invocation: 'queue',
      description: props.description,
      ...(props.delivery ? { timeout: props.delivery.functionTimeout } : {}),
      environment: {
        IDEMPOTENCY_TABLE_NAME: this.idempotency.table.tableName,
        ...(this.facts ? { FACTS_TABLE_NAME: this.facts.table.tableName } : {}),
        ...props.environment,
      },
    });
    // Powertools idempotency: a conditional put of the in-progress record, its update and delete.
    this.idempotency.grant(this.function.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    if (this.facts) this.facts.grant(this.function.function, ['dynamodb:UpdateItem']);
    consumeQueue(this.function.function, this.queue);
    this.rules = props.subscriptions.map(
      (subscription) =>
        new events.Rule(this, `On${subscription.detailTypes.join('Or')}`, {
          eventBus: props.bus,
          description: `${subscription.source} ${subscription.detailTypes.join(', ')} -> ${props.service}'s choreography queue`,
          eventPattern: {
            source: [subscription.source],
            detailType: [...subscription.detailTypes],
            ...(subscription.choreographedOnly
              ? { detail: { data: { sagaStyle: ['choreography' satisfies SagaStyle] } } }
              : {}),
          },
          targets: [
            new targets.SqsQueue(this.queue, {
              deadLetterQueue: this.deadLetters.queue,
              retryAttempts: 8,
              maxEventAge: Duration.hours(2),
            }),
          ],
        }),
    );
  }
}
