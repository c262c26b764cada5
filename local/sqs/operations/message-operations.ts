import { optionalInteger, requiredString, stringList } from '../input';
import { longPoll } from '../long-poll';
import type { Operation } from './context';
import { readMessageToSend } from './message-input';
import { sentMessageMembers, toApiMessage } from './message-output';

const sendMessage: Operation = ({ registry, senderId }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const message = readMessageToSend(input);
  return sentMessageMembers(queue.send(message, senderId), message.traceHeader);
};

/**
 * ReceiveMessage. `WaitTimeSeconds` (else the queue's ReceiveMessageWaitTimeSeconds) makes it a long
 * poll that answers as soon as a message can be received. `AttributeNames` is the deprecated name of
 * `MessageSystemAttributeNames`; both are honoured.
 */
const receiveMessage: Operation = async ({ registry, now, closing }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibilityTimeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  const waitSeconds =
    optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.settings.receiveMessageWaitTimeSeconds;
  const systemAttributeNames = [
    ...stringList(input, 'MessageSystemAttributeNames'),
    ...stringList(input, 'AttributeNames'),
  ];
  const messageAttributeNames = stringList(input, 'MessageAttributeNames');
  const received = await longPoll(
    queue,
    waitSeconds * 1000,
    () => queue.receive(max, visibilityTimeout),
    now,
    closing,
  );
  if (received.length === 0) return {}; // SQS leaves `Messages` out when there are none
  return {
    Messages: received.map((message) => toApiMessage(message, systemAttributeNames, messageAttributeNames)),
  };
};

const deleteMessage: Operation = ({ registry }, input) => {
  registry.get(requiredString(input, 'QueueUrl')).delete(requiredString(input, 'ReceiptHandle'));
  return {};
};

const changeMessageVisibility: Operation = ({ registry }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const receiptHandle = requiredString(input, 'ReceiptHandle');
  const timeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  if (timeout === undefined) requiredString(input, 'VisibilityTimeout');
  queue.changeVisibility(receiptHandle, timeout ?? 0);
  return {};
};

export const MESSAGE_OPERATIONS: Readonly<Record<string, Operation>> = {
  SendMessage: sendMessage,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  ChangeMessageVisibility: changeMessageVisibility,
};
