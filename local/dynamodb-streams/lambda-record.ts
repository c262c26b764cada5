import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValueJson, DynamoDbStreamLambdaRecord, ItemJson } from './types';

/**
 * A GetRecords record as Lambda hands it to the function: the same fields, the creation time in epoch
 * seconds, attribute values in DynamoDB JSON (binary as base64, as on the wire) and `eventSourceARN` added.
 *
 * `awsRegion` is the mapping's region: DynamoDB Local writes `ddblocal` there, which no AWS region is.
 */
export function toLambdaRecord(
  record: _Record,
  eventSourceArn: string,
  region: string,
): DynamoDbStreamLambdaRecord {
  const stream = record.dynamodb;
  if (!stream?.SequenceNumber || !stream.Keys || !stream.StreamViewType || !record.eventName) {
    throw new Error(`Incomplete stream record ${JSON.stringify(record)}`);
  }
  const created = stream.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? stream.SequenceNumber,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(created.getTime() / 1000) : 0,
      Keys: itemJson(stream.Keys),
      ...(stream.NewImage ? { NewImage: itemJson(stream.NewImage) } : {}),
      ...(stream.OldImage ? { OldImage: itemJson(stream.OldImage) } : {}),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes ?? 0,
      StreamViewType: stream.StreamViewType,
    },
    eventSourceARN: eventSourceArn,
  };
}

function itemJson(item: Record<string, AttributeValue>): ItemJson {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, attributeJson(value)]));
}

/** The SDK decodes binary to Uint8Array; Lambda's JSON event carries base64 text. */
function attributeJson(value: AttributeValue): AttributeValueJson {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: itemJson(value.M) };
  if (value.L !== undefined) return { L: value.L.map(attributeJson) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  throw new Error(`Unknown attribute value ${JSON.stringify(value)}`);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
