import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../shared/aws/batch-get';
import { atVersion, conditionally } from '../../shared/aws/conditional-write';
import { BY_CUSTOMER_INDEX } from '../contract';
import type { OrderView } from '../domain/order-view';
import type { CustomerOrdersPage, CustomerOrdersPosition, OrderViews } from '../ports/order-views';

/**
 * The OrderViews table: partition key `orderId`, and two global secondary indexes: `byCustomer`
 * (customerId, newest first by `customerOrderKey` = createdAt#orderId, unique even when two orders share a
 * millisecond) and `byStatus` (status, by updatedAt). Index keys are derived here, never by callers.
 */

interface ViewItem extends OrderView {
  readonly customerOrderKey: string;
}

export class DynamoDbOrderViews implements OrderViews {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<OrderView | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { orderId } }));
    return Item === undefined ? undefined : toView(Item as ViewItem);
  }

  async getMany(orderIds: readonly string[]): Promise<Map<string, OrderView>> {
    const keys = [...new Set(orderIds)].map((orderId) => ({ orderId }));
    const items = await batchGetAll(this.client, this.tableName, keys, { consistent: true });
    return new Map(
      items.map((item) => toView(item as unknown as ViewItem)).map((view) => [view.orderId, view]),
    );
  }

  put(view: OrderView, expectedVersion: number): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(view),
          ...atVersion('orderId', expectedVersion),
        }),
      ),
    );
  }

  async listByCustomer(
    customerId: string,
    limit: number,
    after?: CustomerOrdersPosition,
  ): Promise<CustomerOrdersPage> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_CUSTOMER_INDEX,
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': customerId },
        ScanIndexForward: false,
        // One more than asked for tells whether a next page exists, so the last page has no cursor.
        Limit: limit + 1,
        ...(after === undefined
          ? {}
          : {
              ExclusiveStartKey: {
                orderId: after.orderId,
                customerId,
                customerOrderKey: customerOrderKey(after.createdAt, after.orderId),
              },
            }),
      }),
    );
    const items = (result.Items ?? []).map((item) => toView(item as ViewItem));
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return items.length > limit && last !== undefined
      ? { items: page, next: { createdAt: last.createdAt, orderId: last.orderId } }
      : { items: page };
  }
}

function customerOrderKey(createdAt: string, orderId: string): string {
  return `${createdAt}#${orderId}`;
}

function toItem(view: OrderView): ViewItem {
  return { ...view, customerOrderKey: customerOrderKey(view.createdAt, view.orderId) };
}

function toView({ customerOrderKey: _, ...view }: ViewItem): OrderView {
  return view;
}
