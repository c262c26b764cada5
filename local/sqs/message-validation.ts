import { attributesSize, type MessageAttributes } from './message-attributes';
import type { QueueSettings } from './queue-attributes';
import { invalidMessageContents, invalidParameterValue, missingParameter } from './sqs-error';

// The characters SQS accepts in a body (XML 1.0's Char production).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is rejected
const INVALID_CHARACTER = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const FIFO_ID = /^[\x21-\x7E]{1,128}$/; // alphanumeric and punctuation, up to 128 characters

export interface MessageToSend {
  readonly body: string;
  readonly messageAttributes: MessageAttributes;
  readonly delaySeconds?: number;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly traceHeader?: string;
}

/** Checks a message against the queue's rules before it is stored, with SQS's errors. */
export function validateMessage(message: MessageToSend, settings: QueueSettings): void {
  if (message.body.length === 0) throw missingParameter('MessageBody');
  if (INVALID_CHARACTER.test(message.body)) throw invalidMessageContents();
  const size = Buffer.byteLength(message.body) + attributesSize(message.messageAttributes);
  if (size > settings.maximumMessageSize) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${settings.maximumMessageSize} bytes.`,
    );
  }
  const delay = message.delaySeconds;
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0 || delay > 900)) {
    throw invalidParameterValue(
      `Value ${delay} for parameter DelaySeconds is invalid. Reason: must be 0 to 900.`,
    );
  }
  if (settings.fifo) validateFifoMessage(message, settings);
  else if (message.deduplicationId !== undefined) {
    throw invalidParameterValue(
      'The request include parameter that is not valid for this queue type. Reason: MessageDeduplicationId is only valid for FIFO queues.',
    );
  } else if (message.groupId !== undefined && !FIFO_ID.test(message.groupId)) {
    throw invalidParameterValue(`Value ${message.groupId} for parameter MessageGroupId is invalid.`);
  }
}

function validateFifoMessage(message: MessageToSend, settings: QueueSettings): void {
  if (message.groupId === undefined) throw missingParameter('MessageGroupId');
  if (!FIFO_ID.test(message.groupId)) {
    throw invalidParameterValue(`Value ${message.groupId} for parameter MessageGroupId is invalid.`);
  }
  // FIFO queues only delay by the queue's DelaySeconds.
  if (message.delaySeconds !== undefined && message.delaySeconds !== 0) {
    throw invalidParameterValue(
      `Value ${message.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
    );
  }
  if (message.deduplicationId === undefined && !settings.contentBasedDeduplication) {
    throw invalidParameterValue(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  if (message.deduplicationId !== undefined && !FIFO_ID.test(message.deduplicationId)) {
    throw invalidParameterValue(
      `Value ${message.deduplicationId} for parameter MessageDeduplicationId is invalid.`,
    );
  }
}
