import { optionalInteger, requiredString } from '../input';
import { attributesSize } from '../message-attributes';
import { batchError, readBatchEntries, runEntries } from './batch-entries';
import type { Operation } from './context';
import { readMessageToSend } from './message-input';
import { sentMessageMembers } from './message-output';

const sendMessageBatch: Operation = ({ registry, senderId }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const entries = readBatchEntries(input);
  // The whole batch counts against the queue's maximum message size.
  let total = 0;
  for (const entry of entries) {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    const attributes =
      typeof entry.MessageAttributes === 'object' && entry.MessageAttributes !== null
        ? entry.MessageAttributes
        : {};
    total += Buffer.byteLength(body) + safeAttributesSize(attributes);
  }
  if (total > queue.settings.maximumMessageSize) {
    throw batchError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${queue.settings.maximumMessageSize} bytes. You have sent ${total} bytes.`,
    );
  }
  return runEntries(entries, (entry) => {
    const message = readMessageToSend(entry);
    return sentMessageMembers(queue.send(message, senderId), message.traceHeader);
  });
};

/** Size of attributes not yet validated (the entry's own validation reports malformed ones). */
function safeAttributesSize(attributes: object): number {
  try {
    return attributesSize(attributes as Parameters<typeof attributesSize>[0]);
  } catch {
    return 0;
  }
}

const deleteMessageBatch: Operation = ({ registry }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  return runEntries(readBatchEntries(input), (entry) => {
    queue.delete(requiredString(entry, 'ReceiptHandle'));
    return {};
  });
};

const changeMessageVisibilityBatch: Operation = ({ registry }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  return runEntries(readBatchEntries(input), (entry) => {
    const receiptHandle = requiredString(entry, 'ReceiptHandle');
    const timeout = optionalInteger(entry, 'VisibilityTimeout', 0, 43_200) ?? 0;
    queue.changeVisibility(receiptHandle, timeout);
    return {};
  });
};

export const BATCH_OPERATIONS: Readonly<Record<string, Operation>> = {
  SendMessageBatch: sendMessageBatch,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
};
