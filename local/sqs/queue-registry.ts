import { parseQueueAddress, queueArn, queueUrl } from './queue-address';
import { defaultAttributes, readRedrivePolicy, validateAttributes } from './queue-attributes';
import { invalidAttributeValue, invalidParameterValue, queueDoesNotExist, SqsError } from './sqs-error';
import { SqsQueue } from './sqs-queue';

export interface RegistryOptions {
  /** Base of queue URLs, e.g. `http://localhost:4566`. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly now: () => number;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** Every queue of the local cloud, found by URL, ARN or name. */
export class QueueRegistry {
  private readonly queues = new Map<string, SqsQueue>(); // by `<account>/<name>`

  constructor(private readonly options: RegistryOptions) {}

  /**
   * CreateQueue: creates the queue, or returns the existing one when the attributes given match it
   * (SQS is idempotent there); different attributes are a QueueNameExists error.
   */
  create(name: string, attributes: Readonly<Record<string, unknown>> = {}): SqsQueue {
    const fifo = String(attributes.FifoQueue) === 'true';
    const valid = validateAttributes(attributes, fifo);
    checkName(name, fifo);
    const key = `${this.options.accountId}/${name}`;
    const existing = this.queues.get(key);
    if (existing) {
      const differs = Object.entries(valid).some(
        ([attribute, value]) => existing.attributes[attribute] !== value,
      );
      if (differs) {
        throw new SqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute(s)`,
          400,
          'QueueAlreadyExists',
        );
      }
      return existing;
    }
    this.checkRedrive(valid.RedrivePolicy, fifo);
    const identity = { name, accountId: this.options.accountId };
    const queue = new SqsQueue(
      {
        ...identity,
        url: queueUrl(this.options.endpoint, identity),
        arn: queueArn(this.options.region, identity),
        createdTimestamp: this.options.now(),
      },
      { ...defaultAttributes(fifo), ...valid },
      this.options.now,
      (arn) => this.find(arn),
    );
    this.queues.set(key, queue);
    return queue;
  }

  /** Validates attributes for SetQueueAttributes and applies them. */
  setAttributes(queue: SqsQueue, attributes: Readonly<Record<string, unknown>>): void {
    const valid = validateAttributes(attributes, queue.settings.fifo);
    if (valid.FifoQueue !== undefined && valid.FifoQueue !== String(queue.settings.fifo)) {
      throw invalidAttributeValue('FifoQueue', 'FifoQueue cannot be changed after the queue is created.');
    }
    this.checkRedrive(valid.RedrivePolicy, queue.settings.fifo);
    queue.setAttributes(valid);
  }

  /** The queue a URL, ARN or name refers to, or QueueDoesNotExist. */
  get(address: string): SqsQueue {
    const queue = this.find(address);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  find(address: string): SqsQueue | undefined {
    const key = parseQueueAddress(address, this.options.accountId);
    return key ? this.queues.get(`${key.accountId}/${key.name}`) : undefined;
  }

  delete(queue: SqsQueue): void {
    this.queues.delete(`${queue.identity.accountId}/${queue.identity.name}`);
    queue.purge();
  }

  list(): SqsQueue[] {
    return [...this.queues.values()].sort((a, b) => (a.identity.name < b.identity.name ? -1 : 1));
  }

  /** SQS checks that the dead-letter queue exists and is of the same type when the policy is set. */
  private checkRedrive(policyText: string | undefined, fifo: boolean): void {
    if (policyText === undefined || policyText === '') return;
    const target = this.find(readRedrivePolicy(policyText).deadLetterTargetArn);
    if (!target) throw invalidAttributeValue('RedrivePolicy', 'Dead letter target does not exist.');
    if (target.settings.fifo !== fifo) {
      throw invalidAttributeValue(
        'RedrivePolicy',
        'Dead-letter queue must be the same type of queue as the source.',
      );
    }
  }
}

function checkName(name: string, fifo: boolean): void {
  const base = name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
  if (!QUEUE_NAME.test(base) || name.length > 80) {
    throw invalidParameterValue(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  if (name.endsWith('.fifo') !== fifo) {
    throw invalidParameterValue(
      fifo
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length. A queue name ending in '.fifo' needs the FifoQueue attribute.",
    );
  }
}
