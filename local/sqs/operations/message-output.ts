import {
  type MessageAttributes,
  md5OfMessageAttributes,
  selectMessageAttributes,
} from '../message-attributes';
import type { SentMessage } from '../sqs-queue';
import { type ReceivedMessage, systemAttributesOf } from '../stored-message';

/** The Message shape of ReceiveMessage, with only the attributes the caller asked for. */
export function toApiMessage(
  { message, receiptHandle }: ReceivedMessage,
  systemAttributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): Record<string, unknown> {
  const systemAttributes = selectSystemAttributes(systemAttributesOf(message), systemAttributeNames);
  const messageAttributes: MessageAttributes = selectMessageAttributes(
    message.messageAttributes,
    messageAttributeNames,
  );
  // The digest covers the attributes returned, so SDKs that check it can recompute it from the answer.
  const md5OfAttributes = md5OfMessageAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(systemAttributes).length > 0 ? { Attributes: systemAttributes } : {}),
    ...(md5OfAttributes !== undefined
      ? { MD5OfMessageAttributes: md5OfAttributes, MessageAttributes: messageAttributes }
      : {}),
  };
}

function selectSystemAttributes(
  all: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  if (names.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name)));
}

/** The members SendMessage and a SendMessageBatch success entry share. */
export function sentMessageMembers(
  sent: SentMessage,
  traceHeader: string | undefined,
): Record<string, string> {
  return {
    MessageId: sent.messageId,
    MD5OfMessageBody: sent.md5OfBody,
    ...(sent.md5OfMessageAttributes !== undefined
      ? { MD5OfMessageAttributes: sent.md5OfMessageAttributes }
      : {}),
    ...(traceHeader !== undefined
      ? { MD5OfMessageSystemAttributes: md5OfSystemAttributes(traceHeader) }
      : {}),
    ...(sent.sequenceNumber !== undefined ? { SequenceNumber: sent.sequenceNumber } : {}),
  };
}

/** System attributes are digested like message attributes: here the single AWSTraceHeader String. */
function md5OfSystemAttributes(traceHeader: string): string {
  return md5OfMessageAttributes({
    AWSTraceHeader: { DataType: 'String', StringValue: traceHeader },
  }) as string;
}
