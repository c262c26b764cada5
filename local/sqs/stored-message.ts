import type { MessageAttributes } from './message-attributes';

/** One message as the queue keeps it. The mutable part is its delivery state. */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: MessageAttributes;
  readonly md5OfMessageAttributes?: string;
  /** Epoch ms of the original send; kept when the message moves to a dead-letter queue. */
  readonly sentTimestamp: number;
  readonly senderId: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
  /** The `AWSTraceHeader` system attribute, if the sender set one. */
  readonly traceHeader?: string;
  /** Set when redrive moved the message here from its source queue. */
  readonly deadLetterQueueSourceArn?: string;
  /** Epoch ms from which the message can be received (after its delay, or its visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The handle of the latest receive; a new one is issued on every receive. */
  receiptHandle?: string;
}

/** A received message: what ReceiveMessage and the event source mappings hand out. */
export interface ReceivedMessage {
  readonly message: StoredMessage;
  readonly receiptHandle: string;
}

/** The message's system attributes as ReceiveMessage names them (all values are strings). */
export function systemAttributesOf(message: StoredMessage): Record<string, string> {
  return {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
    ...(message.sequenceNumber !== undefined ? { SequenceNumber: message.sequenceNumber } : {}),
    ...(message.deduplicationId !== undefined ? { MessageDeduplicationId: message.deduplicationId } : {}),
    ...(message.groupId !== undefined ? { MessageGroupId: message.groupId } : {}),
    ...(message.traceHeader !== undefined ? { AWSTraceHeader: message.traceHeader } : {}),
    ...(message.deadLetterQueueSourceArn !== undefined
      ? { DeadLetterQueueSourceArn: message.deadLetterQueueSourceArn }
      : {}),
  };
}
