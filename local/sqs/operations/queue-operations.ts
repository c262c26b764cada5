import { optionalInteger, optionalString, requiredString, stringList, stringMap } from '../input';
import { ALL_ATTRIBUTE_NAMES } from '../queue-attributes';
import { invalidAttributeName, invalidParameterValue, SqsError } from '../sqs-error';
import type { SqsQueue } from '../sqs-queue';
import type { Operation } from './context';

const PURGE_INTERVAL_MS = 60_000;

const createQueue: Operation = ({ registry }, input) => {
  const queue = registry.create(requiredString(input, 'QueueName'), stringMap(input, 'Attributes'));
  return { QueueUrl: queue.identity.url };
};

const getQueueUrl: Operation = ({ registry }, input) => ({
  QueueUrl: registry.get(requiredString(input, 'QueueName')).identity.url,
});

/** ListQueues pages only when MaxResults is given, as SQS does; the token is the last name returned. */
const listQueues: Operation = ({ registry }, input) => {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const maxResults = optionalInteger(input, 'MaxResults', 1, 1000);
  const after = optionalString(input, 'NextToken');
  const names = registry
    .list()
    .filter((queue) => queue.identity.name.startsWith(prefix))
    .filter((queue) => after === undefined || queue.identity.name > decodeToken(after));
  const page = names.slice(0, maxResults ?? 1000);
  const more = maxResults !== undefined && names.length > page.length;
  const last = page[page.length - 1];
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((queue) => queue.identity.url) } : {}),
    ...(more && last ? { NextToken: Buffer.from(last.identity.name).toString('base64') } : {}),
  };
};

function decodeToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}

const deleteQueue: Operation = ({ registry }, input) => {
  registry.delete(registry.get(requiredString(input, 'QueueUrl')));
  return {};
};

const getQueueAttributes: Operation = ({ registry }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const requested = stringList(input, 'AttributeNames');
  for (const name of requested)
    if (name !== 'All' && !ALL_ATTRIBUTE_NAMES.has(name)) throw invalidAttributeName(name);
  const all = allAttributes(queue);
  const wanted = requested.includes('All') ? Object.keys(all) : requested;
  const attributes = Object.fromEntries(
    wanted.filter((name) => all[name] !== undefined).map((name) => [name, all[name]]),
  );
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
};

function allAttributes(queue: SqsQueue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: queue.identity.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.identity.createdTimestamp / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestamp / 1000)),
    ...queue.attributes,
  };
}

const setQueueAttributes: Operation = ({ registry }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  const attributes = stringMap(input, 'Attributes');
  if (Object.keys(attributes).length === 0) throw invalidParameterValue('Attributes must not be empty.');
  registry.setAttributes(queue, attributes);
  return {};
};

/** SQS allows one purge per queue every 60 seconds. */
const purgeQueue: Operation = ({ registry, now }, input) => {
  const queue = registry.get(requiredString(input, 'QueueUrl'));
  if (queue.lastPurgeTimestamp !== undefined && now() - queue.lastPurgeTimestamp < PURGE_INTERVAL_MS) {
    throw new SqsError(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${queue.identity.name} is allowed every 60 seconds.`,
      403,
      'AWS.SimpleQueueService.PurgeQueueInProgress',
    );
  }
  queue.purge();
  return {};
};

/** The queues whose redrive policy names this one as their dead-letter queue. */
const listDeadLetterSourceQueues: Operation = ({ registry }, input) => {
  const target = registry.get(requiredString(input, 'QueueUrl'));
  const sources = registry
    .list()
    .filter((queue) => queue.settings.redrivePolicy?.deadLetterTargetArn === target.identity.arn);
  return { queueUrls: sources.map((queue) => queue.identity.url) };
};

export const QUEUE_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  PurgeQueue: purgeQueue,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
};
