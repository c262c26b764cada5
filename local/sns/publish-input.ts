import { createHash, randomUUID } from 'node:crypto';
import type { PublishedMessage, SnsMessageAttribute } from './message';
import type { TopicModel } from './model';
import { invalidParameter, SnsError } from './sns-error';

/** Publish's input (as the JSON protocol names it; the query protocol is parsed into this shape). */
export interface PublishInput {
  readonly TopicArn?: unknown;
  readonly TargetArn?: unknown;
  readonly Message?: unknown;
  readonly Subject?: unknown;
  readonly MessageStructure?: unknown;
  readonly MessageAttributes?: unknown;
  readonly MessageGroupId?: unknown;
  readonly MessageDeduplicationId?: unknown;
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/** Validates a Publish (or a PublishBatch entry) as SNS does and builds the message to deliver. */
export function publishedMessage(topic: TopicModel, input: PublishInput, now: Date): PublishedMessage {
  if (typeof input.Message !== 'string' || input.Message === '') {
    throw invalidParameter('Empty message');
  }
  const attributes = readAttributes(input.MessageAttributes);
  const bytes = Buffer.byteLength(input.Message) + JSON.stringify(attributes).length;
  if (bytes > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  let structured: Record<string, string> | undefined;
  if (input.MessageStructure !== undefined) {
    if (input.MessageStructure !== 'json') throw invalidParameter('MessageStructure');
    structured = parseStructured(input.Message);
  }
  const subject = input.Subject === undefined ? undefined : String(input.Subject);
  const groupId = input.MessageGroupId === undefined ? undefined : String(input.MessageGroupId);
  let deduplicationId =
    input.MessageDeduplicationId === undefined ? undefined : String(input.MessageDeduplicationId);
  if (topic.fifo) {
    if (groupId === undefined) {
      throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    }
    if (deduplicationId === undefined) {
      if (!topic.contentBasedDeduplication) {
        throw invalidParameter(
          'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      deduplicationId = createHash('sha256').update(input.Message).digest('hex');
    }
  } else if (deduplicationId !== undefined) {
    throw invalidParameter(
      'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
    );
  }
  return {
    messageId: randomUUID(),
    topicArn: topic.arn,
    message: input.Message,
    ...(structured === undefined ? {} : { structured }),
    ...(subject === undefined ? {} : { subject }),
    attributes,
    timestamp: now,
    ...(groupId === undefined ? {} : { groupId }),
    ...(deduplicationId === undefined ? {} : { deduplicationId }),
  };
}

function parseStructured(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const entries = parsed !== null && typeof parsed === 'object' ? Object.entries(parsed) : [];
  if (!entries.some(([key]) => key === 'default')) {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

function readAttributes(input: unknown): Record<string, SnsMessageAttribute> {
  const attributes: Record<string, SnsMessageAttribute> = {};
  if (input === undefined || input === null) return attributes;
  for (const [name, value] of Object.entries(input as Record<string, Record<string, unknown>>)) {
    const dataType = value?.DataType;
    if (typeof dataType !== 'string' || !/^(String|String\.Array|Number|Binary)(\..+)?$/.test(dataType)) {
      throw invalidAttribute(name, 'The message attribute has an invalid message attribute type');
    }
    const stringValue = value.StringValue === undefined ? undefined : String(value.StringValue);
    const binaryValue =
      value.BinaryValue === undefined
        ? undefined
        : value.BinaryValue instanceof Uint8Array
          ? Buffer.from(value.BinaryValue).toString('base64')
          : String(value.BinaryValue);
    if (stringValue === undefined && binaryValue === undefined) {
      throw invalidAttribute(name, 'The message attribute must contain non-empty message attribute value');
    }
    if (dataType.startsWith('Number') && !Number.isFinite(Number(stringValue))) {
      throw invalidAttribute(name, `Could not cast message attribute '${name}' value to number.`);
    }
    if (dataType.startsWith('String.Array') && !isJsonArray(stringValue)) {
      throw invalidAttribute(
        name,
        `Invalid value for message attribute '${name}'. String.Array must be a JSON array`,
      );
    }
    attributes[name] = {
      DataType: dataType,
      ...(stringValue === undefined ? {} : { StringValue: stringValue }),
      ...(binaryValue === undefined ? {} : { BinaryValue: binaryValue }),
    };
  }
  return attributes;
}

function isJsonArray(text: string | undefined): boolean {
  try {
    return Array.isArray(JSON.parse(text ?? ''));
  } catch {
    return false;
  }
}

function invalidAttribute(name: string, reason: string): SnsError {
  return new SnsError(
    'InvalidParameterValue',
    `Invalid parameter: MessageAttributes Reason: ${reason} (${name})`,
  );
}
