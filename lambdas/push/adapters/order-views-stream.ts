import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type OrderViewAnswer, orderViewSchema } from '../../orders/contract';
import { type ReadRecords, readRecords } from '../../shared/streams/stream-batch';

/**
 * Reads a batch of the OrderViews table's stream (NEW_IMAGE): each new image as the order's view, the
 * orders service's public shape (`orderViewSchema`, which drops the table's own index keys). A record
 * that is not one (no image, another shape) is unreadable: reported, so that it reaches the DLQ.
 */
export function readOrderViewsStream(records: readonly DynamoDBRecord[]): ReadRecords<OrderViewAnswer> {
  return readRecords(records, viewOf);
}

function viewOf(record: DynamoDBRecord): OrderViewAnswer | undefined {
  const image = record.dynamodb?.NewImage;
  if (image === undefined) return undefined;
  try {
    const parsed = orderViewSchema.safeParse(unmarshall(image as Record<string, AttributeValue>));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
