import { deliveredAttributes, envelopeAttributes, messageFor, type PublishedMessage } from './message';
import type { SubscriptionModel } from './model';

/** Where SNS's signing certificate and unsubscribe links point; local, so nothing leaves the machine. */
export interface EnvelopeLinks {
  /** The local endpoint's URL. */
  readonly endpoint: string;
  readonly region: string;
}

/**
 * The JSON notification SNS delivers to SQS and HTTP subscribers (unless raw): AWS's field names and
 * order. `Signature` is a placeholder: nothing locally can verify it against AWS's certificate.
 */
export function notificationEnvelope(
  message: PublishedMessage,
  subscription: SubscriptionModel,
  links: EnvelopeLinks,
): Record<string, unknown> {
  const attributes = envelopeAttributes(deliveredAttributes(message));
  return {
    Type: 'Notification',
    MessageId: message.messageId,
    ...(message.sequenceNumber === undefined ? {} : { SequenceNumber: message.sequenceNumber }),
    TopicArn: message.topicArn,
    ...(message.subject === undefined ? {} : { Subject: message.subject }),
    Message: messageFor(message, subscription.protocol),
    Timestamp: message.timestamp.toISOString(),
    SignatureVersion: '1',
    Signature: LOCAL_SIGNATURE,
    SigningCertURL: signingCertUrl(links),
    UnsubscribeURL: unsubscribeUrl(subscription, links),
    ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: attributes }),
  };
}

/** Lambda's event for an SNS subscription: one record, `Sns` spelled with `Url` rather than `URL`. */
export function lambdaEvent(
  message: PublishedMessage,
  subscription: SubscriptionModel,
  links: EnvelopeLinks,
): { Records: unknown[] } {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        Sns: {
          Type: 'Notification',
          MessageId: message.messageId,
          TopicArn: message.topicArn,
          Subject: message.subject ?? null,
          Message: messageFor(message, subscription.protocol),
          Timestamp: message.timestamp.toISOString(),
          SignatureVersion: '1',
          Signature: LOCAL_SIGNATURE,
          SigningCertUrl: signingCertUrl(links),
          UnsubscribeUrl: unsubscribeUrl(subscription, links),
          MessageAttributes: envelopeAttributes(deliveredAttributes(message)),
        },
      },
    ],
  };
}

const LOCAL_SIGNATURE = Buffer.from('local-cloud: not signed').toString('base64');

function signingCertUrl(links: EnvelopeLinks): string {
  return `${links.endpoint}/_local/sns/SimpleNotificationService-local.pem`;
}

function unsubscribeUrl(subscription: SubscriptionModel, links: EnvelopeLinks): string {
  return `${links.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscription.arn)}`;
}
