import { createHash } from 'node:crypto';
import { invalidParameterValue } from './sqs-error';

/**
 * A message attribute as the SQS JSON protocol carries it: binary values are base64 strings. The list
 * members exist in the API but SQS rejects them ("not implemented"), so they are never stored.
 */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

const NAME = /^(?!aws\.|amazon\.)(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/i;
const DATA_TYPE = /^(String|Number|Binary)(\..{1,255})?$/;
const MAX_ATTRIBUTES = 10;

/** Validates the `MessageAttributes` member of SendMessage / SendMessageBatch as SQS does. */
export function readMessageAttributes(input: unknown): MessageAttributes {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw invalidParameterValue('MessageAttributes must be a map.');
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`,
    );
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, raw] of entries) {
    if (!NAME.test(name)) throw invalidParameterValue(`Message attribute name '${name}' is invalid.`);
    attributes[name] = readAttributeValue(name, raw);
  }
  return attributes;
}

function readAttributeValue(name: string, raw: unknown): MessageAttributeValue {
  const value = (raw ?? {}) as Record<string, unknown>;
  const dataType = value.DataType;
  if (typeof dataType !== 'string' || !DATA_TYPE.test(dataType)) {
    throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type.`);
  }
  if (value.StringListValues !== undefined || value.BinaryListValues !== undefined) {
    if (isNonEmptyArray(value.StringListValues) || isNonEmptyArray(value.BinaryListValues)) {
      throw invalidParameterValue(`Message attribute list values in '${name}' are not supported.`);
    }
  }
  if (dataType.startsWith('Binary')) {
    if (typeof value.BinaryValue !== 'string' || value.BinaryValue === '') {
      throw invalidParameterValue(
        `The message attribute '${name}' must contain a non-empty message attribute value.`,
      );
    }
    return { DataType: dataType, BinaryValue: value.BinaryValue };
  }
  if (typeof value.StringValue !== 'string' || value.StringValue === '') {
    throw invalidParameterValue(
      `The message attribute '${name}' must contain a non-empty message attribute value.`,
    );
  }
  if (dataType.startsWith('Number') && !Number.isFinite(Number(value.StringValue))) {
    throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  return { DataType: dataType, StringValue: value.StringValue };
}

const isNonEmptyArray = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** The bytes an attribute takes against MaximumMessageSize: name, type and value. */
export function attributesSize(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + valueBytes(value).length;
  }
  return size;
}

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * MD5OfMessageAttributes exactly as SQS computes it (and as SDKs that check it recompute it): for each
 * attribute in order of name, the name, the data type, a transport byte (1 = string, 2 = binary) and the
 * value, each string/binary prefixed with its length as a 4-byte big-endian integer. Undefined when the
 * message has no attributes, as SQS leaves the member out then.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    hash.update(Buffer.of(value.BinaryValue === undefined ? 1 : 2));
    hash.update(lengthPrefixed(valueBytes(value)));
  }
  return hash.digest('hex');
}

function valueBytes(value: MessageAttributeValue): Buffer {
  return value.BinaryValue === undefined
    ? Buffer.from(value.StringValue ?? '', 'utf8')
    : Buffer.from(value.BinaryValue, 'base64');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * Which attributes a ReceiveMessage returns for `MessageAttributeNames`: `All` or `.*` for every one, a
 * `prefix.*` for those under the prefix, else exact names.
 */
export function selectMessageAttributes(
  attributes: MessageAttributes,
  requested: readonly string[],
): MessageAttributes {
  if (requested.length === 0) return {};
  const all = requested.some((name) => name === 'All' || name === '.*');
  const selected: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const wanted =
      all ||
      requested.some((pattern) =>
        pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name,
      );
    if (wanted) selected[name] = value;
  }
  return selected;
}
