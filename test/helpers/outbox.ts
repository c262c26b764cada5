import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { EventMetadata } from '../../lambdas/shared/events/envelope';
import type { OutboxItem } from '../../lambdas/shared/outbox/outbox';

export interface OutboxEvent {
  readonly source: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

/** Every item of a table, page after page. */
export async function scanAll(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items;
}

/** Every event in a service's Outbox table about one order, oldest first, as the relay would publish them. */
export async function outboxEventsOf(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<OutboxEvent[]> {
  const items = (await scanAll(client, tableName)) as unknown as OutboxItem[];
  return items
    .filter((item) => (item.detail.data as { orderId?: string }).orderId === orderId)
    .sort((a, b) => a.detail.metadata.occurredAt.localeCompare(b.detail.metadata.occurredAt))
    .map((item) => ({
      source: item.source,
      type: item.detailType,
      data: item.detail.data as Record<string, unknown>,
      metadata: item.detail.metadata,
    }));
}

/** The types of those events, oldest first. */
export async function outboxTypesOf(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<string[]> {
  return (await outboxEventsOf(client, tableName, orderId)).map(({ type }) => type);
}
