import type { MessageAttributeValue } from './message-attributes';
import { type ReceivedMessage, systemAttributesOf } from './stored-message';

/** A message attribute as Lambda's SQS event shapes it (camelCase, list members always present). */
export interface LambdaMessageAttribute {
  readonly stringValue?: string;
  readonly binaryValue?: string;
  readonly stringListValues: string[];
  readonly binaryListValues: string[];
  readonly dataType: string;
}

export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Record<string, string>;
  readonly messageAttributes: Record<string, LambdaMessageAttribute>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

export interface SqsEvent {
  readonly Records: SqsEventRecord[];
}

/** The event Lambda's SQS event source mapping passes to the function, field for field. */
export function sqsEvent(messages: readonly ReceivedMessage[], queueArn: string, region: string): SqsEvent {
  return {
    Records: messages.map(({ message, receiptHandle }) => ({
      messageId: message.messageId,
      receiptHandle,
      body: message.body,
      attributes: systemAttributesOf(message),
      messageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(([name, value]) => [name, lambdaAttribute(value)]),
      ),
      md5OfBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes !== undefined
        ? { md5OfMessageAttributes: message.md5OfMessageAttributes }
        : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

function lambdaAttribute(value: MessageAttributeValue): LambdaMessageAttribute {
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
    stringListValues: [],
    binaryListValues: [],
    dataType: value.DataType,
  };
}
