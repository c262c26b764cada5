import type { ResolvedResource } from '../model/resolved-resource';
import type { LocalSqs } from './local-sqs';
import type { SqsQueue } from './sqs-queue';

/** Template properties that map one-to-one onto queue attributes. */
const ATTRIBUTE_PROPERTIES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

/** JSON-valued properties: CloudFormation takes objects, the SQS attribute is a JSON string. */
const JSON_PROPERTIES = ['RedrivePolicy', 'RedriveAllowPolicy'] as const;

/** Accepted and deliberately without effect locally. */
const IGNORED_PROPERTIES = new Set(['QueueName', 'Tags']);

export interface QueuesFromResources {
  readonly queues: SqsQueue[];
  /** What the emulator accepts but does not honour, one line each (to report once at start). */
  readonly warnings: string[];
}

/**
 * Creates a queue for every resolved AWS::SQS::Queue. Redrive policies are applied once every queue
 * exists, since SQS refuses a policy whose dead-letter queue does not (yet) exist and a template does not
 * have to declare the dead-letter queue first.
 */
export function queuesFromResources(
  sqs: LocalSqs,
  resources: readonly ResolvedResource[],
): QueuesFromResources {
  const warnings: string[] = [];
  const encrypted: string[] = [];
  const created: { queue: SqsQueue; redrive: Record<string, string> }[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::SQS::Queue') continue;
    const where = `${resource.stackName}/${resource.logicalId}`;
    const name = resource.attributes.QueueName ?? nameFromUrl(resource.physicalId);
    const attributes: Record<string, string> = {};
    const redrive: Record<string, string> = {};
    for (const [property, value] of Object.entries(resource.properties)) {
      if ((ATTRIBUTE_PROPERTIES as readonly string[]).includes(property))
        attributes[property] = String(value);
      else if ((JSON_PROPERTIES as readonly string[]).includes(property)) {
        redrive[property] = typeof value === 'string' ? value : JSON.stringify(value);
      } else if (!IGNORED_PROPERTIES.has(property)) {
        warnings.push(
          `${where}: AWS::SQS::Queue property ${property} is not supported locally and is ignored.`,
        );
      }
    }
    if (attributes.KmsMasterKeyId !== undefined || attributes.SqsManagedSseEnabled === 'true')
      encrypted.push(where);
    if (attributes.FifoQueue === 'false') delete attributes.FifoQueue; // `false` is the default
    created.push({ queue: sqs.createQueue(name, attributes), redrive });
  }
  // One line for them all: every queue of a well-built app asks for it, and each would say the same.
  if (encrypted.length > 0) {
    warnings.push(
      `server-side encryption of ${encrypted.length === 1 ? 'queue' : `${encrypted.length} queues`} is accepted but not enforced (messages are kept in memory, unencrypted): ${encrypted.join(', ')}.`,
    );
  }
  for (const { queue, redrive } of created) {
    if (Object.keys(redrive).length > 0) sqs.setQueueAttributes(queue.identity.arn, redrive);
  }
  return { queues: created.map(({ queue }) => queue), warnings };
}

function nameFromUrl(url: string): string {
  return (
    url
      .split('/')
      .filter((part) => part !== '')
      .pop() ?? url
  );
}
