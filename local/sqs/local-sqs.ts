import type { AwsJsonService } from '../endpoint/aws-json-service';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../model/resolved-resource';
import type { Input } from './input';
import { longPoll } from './long-poll';
import type { MessageAttributes } from './message-attributes';
import { readMessageAttributes } from './message-attributes';
import { BATCH_OPERATIONS } from './operations/batch-operations';
import type { Operation, SqsContext } from './operations/context';
import { MESSAGE_MOVE_OPERATIONS } from './operations/message-move-tasks';
import { MESSAGE_OPERATIONS } from './operations/message-operations';
import { QUEUE_OPERATIONS } from './operations/queue-operations';
import { QueueRegistry } from './queue-registry';
import { SqsError } from './sqs-error';
import type { SentMessage, SqsQueue } from './sqs-queue';
import type { ReceivedMessage } from './stored-message';

export interface LocalSqsOptions {
  /** Base of the queue URLs it hands out; the resolver's default is the local endpoint's. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Clock in epoch ms (tests pass a fake one). */
  readonly now?: () => number;
  /** `SenderId` of messages; AWS puts the sender's IAM identity there. Default: the account id. */
  readonly senderId?: string;
}

/** For in-process senders: EventBridge targets, Lambda destinations, the local cloud itself. */
export interface SendOptions {
  readonly messageAttributes?: MessageAttributes;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly delaySeconds?: number;
  /** The `AWSTraceHeader` system attribute. */
  readonly traceHeader?: string;
  /** Overrides the service's `SenderId` (e.g. `events.amazonaws.com`'s identity for EventBridge). */
  readonly senderId?: string;
}

export interface ReceiveOptions {
  readonly maxMessages?: number;
  /** Seconds; default the queue's VisibilityTimeout. */
  readonly visibilityTimeout?: number;
  /** Long-poll for up to this many milliseconds (default 0: answer at once). */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

const OPERATIONS: Readonly<Record<string, Operation>> = {
  ...QUEUE_OPERATIONS,
  ...MESSAGE_OPERATIONS,
  ...BATCH_OPERATIONS,
  ...MESSAGE_MOVE_OPERATIONS,
};

/**
 * The local SQS: an in-memory emulator that speaks the SQS JSON protocol (`AmazonSQS.<Operation>`) for the
 * single local endpoint and offers the same queues to in-process callers.
 */
export class LocalSqs implements AwsJsonService {
  readonly targetPrefix = 'AmazonSQS';
  readonly jsonVersion = '1.0' as const;
  readonly region: string;
  readonly accountId: string;
  private readonly registry: QueueRegistry;
  private readonly context: SqsContext;
  private readonly closing = new AbortController();

  constructor(options: LocalSqsOptions = {}) {
    this.region = options.region ?? LOCAL_REGION;
    this.accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
    const now = options.now ?? Date.now;
    this.registry = new QueueRegistry({
      endpoint: options.endpoint ?? 'http://localhost:4566',
      region: this.region,
      accountId: this.accountId,
      now,
    });
    this.context = {
      registry: this.registry,
      now,
      senderId: options.senderId ?? this.accountId,
      closing: this.closing.signal,
      moveTasks: new Map(),
    };
  }

  async handle(operation: string, input: Record<string, unknown>): Promise<unknown> {
    const run = OPERATIONS[operation];
    if (!run) {
      throw new SqsError(
        'UnknownOperationException',
        `Operation ${operation} is not supported by the local SQS.`,
      );
    }
    return run(this.context, input as Input);
  }

  /** Creates a queue (or returns the same one, as CreateQueue does). */
  createQueue(name: string, attributes: Readonly<Record<string, unknown>> = {}): SqsQueue {
    return this.registry.create(name, attributes);
  }

  /** Applies attributes as SetQueueAttributes does (validated; the dead-letter queue must exist). */
  setQueueAttributes(queueAddress: string, attributes: Readonly<Record<string, unknown>>): void {
    this.registry.setAttributes(this.registry.get(queueAddress), attributes);
  }

  /** The queue by URL (any host), ARN or name; throws QueueDoesNotExist. */
  queue(address: string): SqsQueue {
    return this.registry.get(address);
  }

  findQueue(address: string): SqsQueue | undefined {
    return this.registry.find(address);
  }

  queues(): SqsQueue[] {
    return this.registry.list();
  }

  /** Sends a message with the same validation, digests, FIFO rules and deduplication as SendMessage. */
  send(queueAddress: string, body: string, options: SendOptions = {}): SentMessage {
    return this.queue(queueAddress).send(
      {
        body,
        messageAttributes: readMessageAttributes(options.messageAttributes),
        delaySeconds: options.delaySeconds,
        groupId: options.groupId,
        deduplicationId: options.deduplicationId,
        traceHeader: options.traceHeader,
      },
      options.senderId ?? this.context.senderId,
    );
  }

  receive(queueAddress: string, options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    const queue = this.queue(queueAddress);
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    return longPoll(
      queue,
      options.waitMs ?? 0,
      () => queue.receive(options.maxMessages ?? 1, options.visibilityTimeout),
      this.context.now,
      signal,
    );
  }

  deleteMessage(queueAddress: string, receiptHandle: string): void {
    this.queue(queueAddress).delete(receiptHandle);
  }

  changeVisibility(queueAddress: string, receiptHandle: string, visibilityTimeout: number): void {
    this.queue(queueAddress).changeVisibility(receiptHandle, visibilityTimeout);
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** Ends every pending long poll (they answer with no messages). Queues and messages stay. */
  close(): void {
    this.closing.abort();
  }
}
