import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../shared/aws/batch-get';
import {
  DEFAULT_UNIT_PRICE,
  normalizeLines,
  OutOfStock,
  priceOf,
  type Reservation,
  type ReservationLine,
  type Stock,
} from '../domain/stock';
import type { InventoryStore } from '../ports/inventory-store';

/**
 * The Inventory table: partition key `id`, two kinds of item. `sku#<sku>` holds a SKU's `available`,
 * `reserved` and `unitPrice`; `reservation#<orderId>` holds what one order reserved and whether it was
 * released. A reservation and the stock it moves change in one transaction, conditioned so that stock
 * never goes below zero and a reservation is made, and released, at most once.
 */
const skuKey = (sku: string) => `sku#${sku}`;
const reservationKey = (orderId: string) => `reservation#${orderId}`;

interface StockItem extends Stock {
  readonly id: string;
}

interface ReservationItem extends Reservation {
  readonly id: string;
}

export class DynamoDbInventoryStore implements InventoryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async setStock(sku: string, available: number, unitPrice?: number): Promise<Stock> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: skuKey(sku) },
        UpdateExpression:
          'SET sku = :sku, available = :available, reserved = if_not_exists(reserved, :zero), unitPrice = ' +
          (unitPrice === undefined ? 'if_not_exists(unitPrice, :price)' : ':price'),
        ExpressionAttributeValues: {
          ':sku': sku,
          ':available': available,
          ':zero': 0,
          ':price': unitPrice ?? DEFAULT_UNIT_PRICE,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toStock(Attributes as StockItem);
  }

  async getStock(sku: string): Promise<Stock | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: skuKey(sku) }, ConsistentRead: true }),
    );
    return Item === undefined ? undefined : toStock(Item as StockItem);
  }

  async reserve(orderId: string, requested: readonly ReservationLine[]): Promise<Reservation> {
    const lines = normalizeLines(requested);
    const reservation: Reservation = {
      orderId,
      lines,
      total: priceOf(lines, await this.unitPrices(lines)),
      status: 'RESERVED',
    };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { id: reservationKey(orderId), ...reservation },
                ConditionExpression: 'attribute_not_exists(id)',
              },
            },
            ...lines.map(({ sku, quantity }) => ({
              Update: {
                TableName: this.tableName,
                Key: { id: skuKey(sku) },
                UpdateExpression: 'SET available = available - :q, reserved = reserved + :q',
                // False for a SKU that has no stock item at all, too.
                ConditionExpression: 'available >= :q',
                ExpressionAttributeValues: { ':q': quantity },
              },
            })),
          ],
        }),
      );
      return reservation;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed === undefined) throw error;
      // The order already has a reservation: this is a repeat, answered with what it reserved.
      if (failed.includes(0)) return (await this.reservation(orderId)) as Reservation;
      throw new OutOfStock(failed.map((index) => lines[index - 1]?.sku ?? '?'));
    }
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    const current = await this.reservation(orderId);
    if (current === undefined || current.status === 'RELEASED') return current;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: { id: reservationKey(orderId) },
                UpdateExpression: 'SET #status = :released',
                ConditionExpression: '#status = :reserved',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':released': 'RELEASED', ':reserved': 'RESERVED' },
              },
            },
            ...current.lines.map(({ sku, quantity }) => ({
              Update: {
                TableName: this.tableName,
                Key: { id: skuKey(sku) },
                UpdateExpression: 'SET available = available + :q, reserved = reserved - :q',
                ConditionExpression: 'reserved >= :q',
                ExpressionAttributeValues: { ':q': quantity },
              },
            })),
          ],
        }),
      );
      return { ...current, status: 'RELEASED' };
    } catch (error) {
      const failed = failedConditions(error);
      // Released by a concurrent call in the meantime: one effect, whoever made it.
      if (failed?.includes(0)) return this.reservation(orderId);
      throw error;
    }
  }

  private async reservation(orderId: string): Promise<Reservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { id: reservationKey(orderId) },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    const { id: _, ...reservation } = Item as ReservationItem;
    return reservation;
  }

  private async unitPrices(lines: readonly ReservationLine[]): Promise<Map<string, number>> {
    const keys = lines.map(({ sku }) => ({ id: skuKey(sku) }));
    const items = await batchGetAll(this.client, this.tableName, keys, { projection: 'sku, unitPrice' });
    return new Map(items.map((item) => [String(item.sku), Number(item.unitPrice)]));
  }
}

/** The indexes of the transaction's items whose condition failed, or undefined for any other error. */
function failedConditions(error: unknown): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : [],
  );
  return failed.length > 0 ? failed : undefined;
}

function toStock(item: StockItem): Stock {
  return { sku: item.sku, available: item.available, reserved: item.reserved, unitPrice: item.unitPrice };
}
