import { randomUUID } from 'node:crypto';
import { contentDeduplicationId, DeduplicationWindow } from './deduplication';
import { md5OfBody, md5OfMessageAttributes } from './message-attributes';
import { type MessageToSend, validateMessage } from './message-validation';
import { type QueueSettings, settingsOf } from './queue-attributes';
import { newReceiptHandle, readReceiptHandle } from './receipt-handle';
import { messageNotInflight, receiptHandleIsInvalid } from './sqs-error';
import type { ReceivedMessage, StoredMessage } from './stored-message';

export interface SentMessage {
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly sequenceNumber?: string;
}

export interface QueueIdentity {
  readonly name: string;
  readonly accountId: string;
  readonly url: string;
  readonly arn: string;
  readonly createdTimestamp: number;
}

/** A queue's messages and FIFO sequence as plain data: what is kept across restarts (queue-files.ts). */
export interface QueueSnapshot {
  readonly sequence: string;
  readonly messages: readonly StoredMessage[];
}

/** Finds the dead-letter queue a redrive policy names (undefined: it does not exist, no redrive). */
export type DeadLetterLookup = (arn: string) => SqsQueue | undefined;

/**
 * One queue's messages and their delivery state. Time is read from `now()` on every call instead of
 * being driven by timers: a message becomes visible again simply because its `visibleAt` has passed, so
 * nothing needs cancelling and a fake clock controls everything.
 */
export class SqsQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly deduplication = new DeduplicationWindow();
  private readonly listeners = new Set<() => void>();
  private readonly stateListeners = new Set<() => void>();
  private sequence = 0n;
  private attributeValues: Record<string, string>;
  private currentSettings: QueueSettings;
  lastModifiedTimestamp: number;
  lastPurgeTimestamp?: number;

  constructor(
    readonly identity: QueueIdentity,
    attributes: Record<string, string>,
    private readonly now: () => number,
    private readonly deadLetterQueue: DeadLetterLookup,
  ) {
    this.attributeValues = attributes;
    this.currentSettings = settingsOf(attributes);
    this.lastModifiedTimestamp = identity.createdTimestamp;
  }

  get settings(): QueueSettings {
    return this.currentSettings;
  }

  get attributes(): Readonly<Record<string, string>> {
    return this.attributeValues;
  }

  setAttributes(changes: Readonly<Record<string, string>>): void {
    const next = { ...this.attributeValues, ...changes };
    for (const [name, value] of Object.entries(changes)) if (value === '') delete next[name];
    this.currentSettings = settingsOf(next);
    this.attributeValues = next;
    this.lastModifiedTimestamp = this.now();
    this.notify(); // a shorter delay or visibility may let a long poll answer sooner
  }

  send(message: MessageToSend, senderId: string): SentMessage {
    validateMessage(message, this.settings);
    const now = this.now();
    const md5s = {
      md5OfBody: md5OfBody(message.body),
      md5OfMessageAttributes: md5OfMessageAttributes(message.messageAttributes),
    };
    let deduplicationId: string | undefined;
    let deduplicationKey: string | undefined;
    if (this.settings.fifo) {
      deduplicationId = message.deduplicationId ?? contentDeduplicationId(message.body);
      deduplicationKey =
        this.settings.deduplicationScope === 'messageGroup'
          ? `${message.groupId} ${deduplicationId}`
          : deduplicationId;
      const duplicate = this.deduplication.find(deduplicationKey, now);
      // A duplicate is accepted but not stored: SQS answers with the first message's id.
      if (duplicate) return { ...md5s, ...duplicate };
    }
    const sequenceNumber = this.settings.fifo ? this.nextSequenceNumber() : undefined;
    const stored: StoredMessage = {
      messageId: randomUUID(),
      body: message.body,
      messageAttributes: message.messageAttributes,
      ...md5s,
      sentTimestamp: now,
      senderId,
      groupId: message.groupId,
      deduplicationId,
      sequenceNumber,
      traceHeader: message.traceHeader,
      visibleAt: now + 1000 * (message.delaySeconds ?? this.settings.delaySeconds),
      receiveCount: 0,
    };
    this.store(stored);
    if (deduplicationKey !== undefined && sequenceNumber !== undefined) {
      this.deduplication.remember(deduplicationKey, { messageId: stored.messageId, sequenceNumber }, now);
    }
    return { ...md5s, messageId: stored.messageId, sequenceNumber };
  }

  /** Takes a message that redrive moved here, keeping its id, body, attributes and sent time. */
  acceptDeadLetter(message: StoredMessage, sourceArn: string): void {
    const now = this.now();
    this.store({
      ...message,
      sequenceNumber: this.settings.fifo ? this.nextSequenceNumber() : message.sequenceNumber,
      deadLetterQueueSourceArn: sourceArn,
      visibleAt: now,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      receiptHandle: undefined,
    });
  }

  /**
   * Receives up to `max` visible messages and hides them for `visibilityTimeout` seconds. A message that
   * has already been received `maxReceiveCount` times moves to the dead-letter queue instead. In a FIFO
   * queue a group is skipped while any of its messages is in flight (or not yet visible), which keeps
   * each group in order.
   */
  receive(max: number, visibilityTimeout = this.settings.visibilityTimeout): ReceivedMessage[] {
    const now = this.now();
    this.dropExpired(now);
    const blockedGroups = new Set<string>();
    const received: ReceivedMessage[] = [];
    let redriven = false;
    for (const message of this.messages.values()) {
      if (received.length >= max) break;
      const group = this.settings.fifo ? message.groupId : undefined;
      if (group !== undefined && blockedGroups.has(group)) continue;
      if (message.visibleAt > now) {
        if (group !== undefined) blockedGroups.add(group);
        continue;
      }
      if (this.redrive(message)) {
        redriven = true;
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + 1000 * visibilityTimeout;
      message.receiptHandle = newReceiptHandle(this.identity.name, message.messageId);
      received.push({ message, receiptHandle: message.receiptHandle });
    }
    // Long polls receive again and again: only a receive that changed something is worth writing down.
    if (received.length > 0 || redriven) this.stateChanged();
    return received;
  }

  /**
   * Deletes the message of a receipt handle. A handle of a deleted message succeeds (SQS is idempotent);
   * an outdated handle (the message was received again since) deletes nothing in a standard queue and
   * fails in a FIFO queue, as SQS documents.
   */
  delete(receiptHandle: string): void {
    const message = this.messageOf(receiptHandle);
    if (!message) return;
    if (message.receiptHandle !== receiptHandle) {
      if (this.settings.fifo) throw receiptHandleIsInvalid(receiptHandle);
      return;
    }
    this.messages.delete(message.messageId);
    this.notify(); // a FIFO group may be unblocked
  }

  changeVisibility(receiptHandle: string, visibilityTimeout: number): void {
    const message = this.messageOf(receiptHandle);
    const now = this.now();
    if (!message || message.receiptHandle !== receiptHandle || message.visibleAt <= now)
      throw messageNotInflight();
    message.visibleAt = now + 1000 * visibilityTimeout;
    this.notify();
  }

  purge(): void {
    this.messages.clear();
    this.lastPurgeTimestamp = this.now();
    this.stateChanged();
  }

  /** Takes a message out whatever its state: a redrive that moved it elsewhere. */
  remove(messageId: string): void {
    if (this.messages.delete(messageId)) this.stateChanged();
  }

  snapshot(): QueueSnapshot {
    return { sequence: this.sequence.toString(), messages: [...this.messages.values()] };
  }

  /**
   * Takes back the messages of an earlier run. Those that were in flight are visible again at once: the
   * consumer that held them is gone with that run. Receive counts stay, so redrive still happens at
   * `maxReceiveCount`.
   */
  restore(snapshot: QueueSnapshot): void {
    const now = this.now();
    this.sequence = BigInt(snapshot.sequence);
    for (const saved of snapshot.messages) {
      const inFlight = saved.receiptHandle !== undefined && saved.visibleAt > now;
      const { receiptHandle: _handle, ...message } = saved;
      this.messages.set(message.messageId, inFlight ? { ...message, visibleAt: now } : { ...saved });
    }
    this.notify();
  }

  /** Calls `listener` after anything that changes what a snapshot holds. */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  counts(): { visible: number; inFlight: number; delayed: number } {
    const now = this.now();
    this.dropExpired(now);
    const counts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) counts.visible += 1;
      else if (message.receiptHandle !== undefined) counts.inFlight += 1;
      else counts.delayed += 1;
    }
    return counts;
  }

  /** Epoch ms at which the next hidden message becomes visible, if any: when a long poll should look again. */
  nextVisibleAt(): number | undefined {
    let next: number | undefined;
    const now = this.now();
    for (const message of this.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next))
        next = message.visibleAt;
    }
    return next;
  }

  /** Calls `listener` whenever a message may have become receivable; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private messageOf(receiptHandle: string): StoredMessage | undefined {
    const handle = readReceiptHandle(receiptHandle);
    if (!handle || handle.queueName !== this.identity.name) throw receiptHandleIsInvalid(receiptHandle);
    return this.messages.get(handle.messageId);
  }

  private redrive(message: StoredMessage): boolean {
    const policy = this.settings.redrivePolicy;
    if (!policy || message.receiveCount < policy.maxReceiveCount) return false;
    const target = this.deadLetterQueue(policy.deadLetterTargetArn);
    if (!target || target === this) return false;
    this.messages.delete(message.messageId);
    target.acceptDeadLetter(message, this.identity.arn);
    return true;
  }

  private dropExpired(now: number): void {
    const retentionMs = 1000 * this.settings.messageRetentionPeriod;
    for (const [id, message] of this.messages) {
      if (message.sentTimestamp + retentionMs <= now) this.messages.delete(id);
    }
  }

  private store(message: StoredMessage): void {
    this.messages.set(message.messageId, message);
    this.notify();
  }

  private nextSequenceNumber(): string {
    this.sequence += 1n;
    // SQS's sequence numbers are 20-digit, strictly increasing per queue.
    return (10n ** 19n + this.sequence).toString();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
    this.stateChanged();
  }

  private stateChanged(): void {
    for (const listener of [...this.stateListeners]) listener();
  }
}
