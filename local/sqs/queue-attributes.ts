import { invalidAttributeName, invalidAttributeValue } from './sqs-error';

/** The settings the emulator acts on, read from a queue's string attributes. */
export interface QueueSettings {
  readonly fifo: boolean;
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriod: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly visibilityTimeout: number;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: 'queue' | 'messageGroup';
  readonly redrivePolicy?: RedrivePolicy;
}

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

type Rule = (value: string) => string | undefined; // returns why the value is invalid

const integer =
  (min: number, max: number): Rule =>
  (value) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}.`;
const boolean: Rule = (value) =>
  value === 'true' || value === 'false' ? undefined : 'must be true or false.';
const oneOf =
  (...allowed: string[]): Rule =>
  (value) =>
    allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}.`;
const anything: Rule = () => undefined;
const json: Rule = (value) => {
  try {
    JSON.parse(value);
    return undefined;
  } catch {
    return 'must be JSON.';
  }
};

/** The attributes a caller may set, with their rules (AWS's limits). */
const SETTABLE: Readonly<Record<string, Rule>> = {
  DelaySeconds: integer(0, 900),
  MaximumMessageSize: integer(1024, 1_048_576),
  MessageRetentionPeriod: integer(60, 1_209_600),
  ReceiveMessageWaitTimeSeconds: integer(0, 20),
  VisibilityTimeout: integer(0, 43_200),
  Policy: json,
  RedrivePolicy: json,
  RedriveAllowPolicy: json,
  KmsMasterKeyId: anything,
  KmsDataKeyReusePeriodSeconds: integer(60, 86_400),
  SqsManagedSseEnabled: boolean,
  FifoQueue: boolean,
  ContentBasedDeduplication: boolean,
  DeduplicationScope: oneOf('queue', 'messageGroup'),
  FifoThroughputLimit: oneOf('perQueue', 'perMessageGroupId'),
};

const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Attributes SQS computes; GetQueueAttributes returns them, SetQueueAttributes refuses them. */
export const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

export const ALL_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(SETTABLE),
  ...COMPUTED_ATTRIBUTES,
]);

export function defaultAttributes(fifo: boolean): Record<string, string> {
  return {
    DelaySeconds: '0',
    MaximumMessageSize: '1048576',
    MessageRetentionPeriod: '345600',
    ReceiveMessageWaitTimeSeconds: '0',
    VisibilityTimeout: '30',
    SqsManagedSseEnabled: 'true',
    ...(fifo
      ? {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          DeduplicationScope: 'queue',
          FifoThroughputLimit: 'perQueue',
        }
      : {}),
  };
}

/** Validates attributes a caller sets (CreateQueue, SetQueueAttributes) and returns them as strings. */
export function validateAttributes(
  attributes: Readonly<Record<string, unknown>>,
  fifo: boolean,
): Record<string, string> {
  const valid: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    const rule = SETTABLE[name];
    if (!rule || (FIFO_ONLY.has(name) && !fifo)) throw invalidAttributeName(name);
    const value = String(raw);
    const problem = rule(value);
    if (problem) throw invalidAttributeValue(name, `${name} ${problem}`);
    valid[name] = value;
  }
  if (valid.RedrivePolicy !== undefined && valid.RedrivePolicy !== '') readRedrivePolicy(valid.RedrivePolicy);
  return valid;
}

/** `{"deadLetterTargetArn": "...", "maxReceiveCount": 5}`; the count may be a number or a numeric string. */
export function readRedrivePolicy(text: string): RedrivePolicy {
  const policy = JSON.parse(text) as Record<string, unknown>;
  const target = policy.deadLetterTargetArn;
  const count = Number(policy.maxReceiveCount);
  if (typeof target !== 'string' || !target.startsWith('arn:')) {
    throw invalidAttributeValue(
      'RedrivePolicy',
      'Redrive policy does not contain a valid deadLetterTargetArn.',
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidAttributeValue('RedrivePolicy', 'maxReceiveCount must be an integer from 1 to 1000.');
  }
  return { deadLetterTargetArn: target, maxReceiveCount: count };
}

export function settingsOf(attributes: Readonly<Record<string, string>>): QueueSettings {
  const number = (name: string): number => Number(attributes[name]);
  const redrive = attributes.RedrivePolicy;
  return {
    fifo: attributes.FifoQueue === 'true',
    delaySeconds: number('DelaySeconds'),
    maximumMessageSize: number('MaximumMessageSize'),
    messageRetentionPeriod: number('MessageRetentionPeriod'),
    receiveMessageWaitTimeSeconds: number('ReceiveMessageWaitTimeSeconds'),
    visibilityTimeout: number('VisibilityTimeout'),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === 'true',
    deduplicationScope: attributes.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue',
    ...(redrive ? { redrivePolicy: readRedrivePolicy(redrive) } : {}),
  };
}
