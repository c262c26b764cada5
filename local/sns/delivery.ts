import type { LambdaService } from '../lambda/types';
import type { SendOptions } from '../sqs/local-sqs';
import { type EnvelopeLinks, lambdaEvent, notificationEnvelope } from './envelope';
import { deliveredAttributes, messageFor, type PublishedMessage } from './message';
import type { SubscriptionModel } from './model';

export interface SnsDeliveryTargets {
  /** Sends to a local queue by ARN; throws for an unknown queue. */
  sendToQueue(queueArn: string, body: string, options: SendOptions): void;
  readonly lambda: LambdaService;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** AWS's default HTTP/S delivery policy: 3 retries, 20 s apart (linear backoff between equal bounds). */
export const HTTP_RETRIES = 3;
export const HTTP_RETRY_DELAY_MS = 20_000;

/**
 * One delivery to one subscriber. SQS and Lambda are AWS-managed endpoints: locally they fail only when
 * the queue or function does not exist, a client error SNS does not retry, so the first failure is final.
 * HTTP/S endpoints are retried per the default delivery policy. The promise rejects with the last error.
 */
export async function deliver(
  message: PublishedMessage,
  subscription: SubscriptionModel,
  targets: SnsDeliveryTargets,
  links: EnvelopeLinks,
  /** Waits between HTTP attempts; resolves false when the service is closing (no more attempts). */
  wait: (ms: number) => Promise<boolean>,
  httpRetryDelayMs = HTTP_RETRY_DELAY_MS,
): Promise<void> {
  switch (subscription.protocol) {
    case 'sqs': {
      const { body, options } = sqsMessage(message, subscription, links);
      targets.sendToQueue(subscription.endpoint, body, options);
      return;
    }
    case 'lambda':
      return targets.lambda.invokeAsync(subscription.endpoint, lambdaEvent(message, subscription, links));
    case 'http':
    case 'https': {
      let lastError: unknown;
      for (let attempt = 0; attempt <= HTTP_RETRIES; attempt++) {
        if (attempt > 0 && !(await wait(httpRetryDelayMs))) break;
        try {
          return await postToHttp(message, subscription, targets.fetch ?? fetch, links);
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    }
  }
}

/**
 * What an SQS subscriber (or a dead-letter queue, `queueArn`) gets: the envelope, or with raw delivery the
 * message itself with the SNS attributes as SQS attributes. A FIFO topic passes group and de-duplication
 * ids on to a FIFO queue only: "message group ID is not passed to Amazon SQS standard queues" (SNS's
 * guide), and a standard queue refuses them.
 */
export function sqsMessage(
  message: PublishedMessage,
  subscription: SubscriptionModel,
  links: EnvelopeLinks,
  queueArn = subscription.endpoint,
): { body: string; options: SendOptions } {
  const fifo = !queueArn.endsWith('.fifo')
    ? {}
    : {
        ...(message.groupId === undefined ? {} : { groupId: message.groupId }),
        ...(message.deduplicationId === undefined ? {} : { deduplicationId: message.deduplicationId }),
      };
  if (!subscription.rawMessageDelivery) {
    return { body: JSON.stringify(notificationEnvelope(message, subscription, links)), options: fifo };
  }
  const messageAttributes = Object.fromEntries(
    Object.entries(deliveredAttributes(message)).map(([name, attribute]) => [
      name,
      // SQS has no String.Array type: SNS hands such an attribute over as a String.
      {
        ...attribute,
        DataType: attribute.DataType.startsWith('String.Array') ? 'String' : attribute.DataType,
      },
    ]),
  );
  return {
    body: messageFor(message, subscription.protocol),
    options: { ...fifo, ...(Object.keys(messageAttributes).length === 0 ? {} : { messageAttributes }) },
  };
}

async function postToHttp(
  message: PublishedMessage,
  subscription: SubscriptionModel,
  fetchImpl: typeof fetch,
  links: EnvelopeLinks,
): Promise<void> {
  const body = subscription.rawMessageDelivery
    ? messageFor(message, subscription.protocol)
    : JSON.stringify(notificationEnvelope(message, subscription, links));
  const response = await fetchImpl(subscription.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': message.messageId,
      'x-amz-sns-topic-arn': message.topicArn,
      'x-amz-sns-subscription-arn': subscription.arn,
      ...(subscription.rawMessageDelivery ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
    },
    body,
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${subscription.endpoint} answered HTTP ${response.status}`);
  }
}
