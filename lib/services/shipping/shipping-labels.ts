import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ORDERS_EVENT_SOURCE } from '../../../lambdas/orders/contract';
import { LABEL_ENV, LABELS_FAILED_METRIC } from '../../../lambdas/shipping/contract';
import type { StageConfig } from '../../config/stage-config';
import { QueueConsumer } from '../../constructs/consumed-queue';
import { EventConsumer } from '../../constructs/event-consumer';
import { firstCountAlarm } from '../../constructs/first-count-alarm';
import { ServiceFunction } from '../../constructs/service-function';
import type { ServiceTable } from '../../constructs/service-table';
import type { TransactionalOutbox } from '../../constructs/transactional-outbox';

/** The deadline is a delayed message: SQS holds one back for 15 minutes at most. */
const MAX_SQS_DELAY_SECONDS = 900;

export interface ShippingLabelsProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
  readonly shipments: ServiceTable;
  /** Where each label change's event is written, in the change's transaction. */
  readonly outbox: TransactionalOutbox;
  /** The carrier's request queue: the stub's, or a real carrier's. */
  readonly carrierRequests: sqs.IQueue;
}

/**
 * Labels by request/reply over SQS. OrderConfirmed -> the requester records a pending request on the
 * shipment (ShipmentLabelRequested), sends itself a deadline (a message held back for the stage's label
 * deadline) and the carrier a request naming `replies` as `replyTo`. The carrier's reply settles the
 * request (ShipmentLabelled); its deadline, if it comes first, asks again under a new request id while the
 * stage's attempts last, then settles it (ShipmentLabelFailed). An operator may ask again for a label that
 * failed (`askAgain`, behind the internal API's route). Each function may only read and update shipments
 * and write their events to the outbox; only the requester, the deadline consumer and `askAgain` may send,
 * to the carrier's queue and the deadline queue alone.
 */
export class ShippingLabels extends Construct {
  readonly requester: EventConsumer;
  readonly replies: QueueConsumer;
  readonly deadlines: QueueConsumer;
  /** `POST /shipments/{orderId}/label` (internal API): an operator asks the carrier again for a failed label. */
  readonly askAgain: IFunction;
  /** A label request went unanswered past its deadline. */
  readonly failuresAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ShippingLabelsProps) {
    super(scope, id);
    const { config } = props;
    const deadlineSeconds = config.shipping.labelDeadline.toSeconds();
    if (deadlineSeconds < 1 || deadlineSeconds > MAX_SQS_DELAY_SECONDS) {
      throw new Error(`The label deadline must be 1 to ${MAX_SQS_DELAY_SECONDS} s (an SQS delay).`);
    }
    const attempts = config.shipping.labelAttempts;
    if (!Number.isInteger(attempts) || attempts < 1) {
      throw new Error('The label attempts must be a whole number of at least 1.');
    }
    const environment = {
      SHIPMENTS_TABLE_NAME: props.shipments.table.tableName,
      ...props.outbox.environment,
    };
    this.replies = new QueueConsumer(this, 'Replies', {
      config,
      service: 'shipping',
      handler: 'label-replies',
      description: "Labels: the carrier's replies, matched to their requests by correlation id",
      deadLetterPurpose: 'carrier replies shipping could not read or record',
      environment,
    });
    this.deadlines = new QueueConsumer(this, 'Deadlines', {
      config,
      service: 'shipping',
      handler: 'label-deadlines',
      description:
        'Labels: a request still pending at its deadline is asked again, or after the last recorded failed',
      deadLetterPurpose: 'label deadlines shipping could not record (their requests stay pending)',
      environment,
    });
    // Where a request and its deadline go: the requester's first attempts and the deadline consumer's later
    // ones are sent the same way.
    const sending = {
      [LABEL_ENV.carrierRequestQueueUrl]: props.carrierRequests.queueUrl,
      [LABEL_ENV.replyQueueUrl]: this.replies.queue.queueUrl,
      [LABEL_ENV.deadlineQueueUrl]: this.deadlines.queue.queueUrl,
      [LABEL_ENV.deadlineSeconds]: String(deadlineSeconds),
    };
    // Set after the consumer is made: the deadline queue it sends to is its own.
    const deadlineEnvironment = { ...sending, [LABEL_ENV.attempts]: String(attempts) };
    for (const [name, value] of Object.entries(deadlineEnvironment)) {
      this.deadlines.function.function.addEnvironment(name, value);
    }
    this.requester = new EventConsumer(this, 'Requests', {
      config,
      service: 'shipping',
      handler: 'request-labels',
      description: "Labels: OrderConfirmed -> a label request on the carrier's queue, and its deadline",
      bus: props.bus,
      // Whichever style confirmed the order: both book the shipment before confirming.
      subscriptions: [
        { source: ORDERS_EVENT_SOURCE, detailTypes: ['OrderConfirmed'], choreographedOnly: false },
      ],
      environment: { ...environment, ...sending },
    });
    this.askAgain = new ServiceFunction(this, 'AskAgain', {
      config,
      service: 'shipping',
      handler: 'ask-label-again',
      invocation: 'sync',
      description: 'POST /shipments/{orderId}/label (internal API): an operator asks the carrier again',
      environment: { ...environment, ...sending },
    }).function;
    const requester = this.requester.function.function;
    const senders = [requester, this.deadlines.function.function, this.askAgain];
    for (const sender of senders) {
      sender.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sqs:SendMessage'],
          resources: [props.carrierRequests.queueArn, this.deadlines.queue.queueArn],
        }),
      );
    }
    // Each label change is a conditional update of the shipment with its event put in the outbox.
    for (const fn of [...senders, this.replies.function.function]) {
      props.shipments.grant(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
      props.outbox.grantWrite(fn);
    }
    // Every timed-out request is a shipment without a label that someone must sort out with the carrier,
    // and several in a row a carrier that stopped answering: the first one alarms.
    this.failuresAlarm = firstCountAlarm(this, 'FailuresAlarm', {
      description:
        'Label requests went unanswered past their deadline (CARRIER_TIMEOUT): is the carrier answering? (docs/shipping-labels.md)',
      metricName: LABELS_FAILED_METRIC,
      service: 'shipping',
    });
  }
}
