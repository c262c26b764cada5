import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StepContext } from '../../orders/contract';
import { batchGetAll } from '../../shared/aws/batch-get';
import { failedConditions, transactOnce } from '../../shared/aws/transaction';
import { Outbox } from '../../shared/outbox/outbox';
import { INVENTORY_EVENTS } from '../contract';
import { outOfStockEvent, releasedEvent, reservedEvent } from '../domain/inventory-events';
import {
  answerOf,
  DEFAULT_UNIT_PRICE,
  normalizeLines,
  priceOf,
  type Reservation,
  type ReservationLine,
  refusal,
  releasedBeforeReserved,
  type Stock,
} from '../domain/stock';
import type { InventoryStore } from '../ports/inventory-store';

/**
 * The Inventory table: partition key `id`, two kinds of item. `sku#<sku>` holds a SKU's `available`,
 * `reserved` and `unitPrice`; `reservation#<orderId>` holds what one order reserved and whether it was
 * released (or that it was refused). A reservation, the stock it moves and its event (an item of the
 * service's Outbox table) change in one transaction, conditioned so that stock never goes below zero and
 * a reservation is made, and released, at most once: a repeat changes nothing and publishes nothing.
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
  private readonly outbox: Outbox;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    outboxTableName: string,
  ) {
    this.outbox = new Outbox(outboxTableName, INVENTORY_EVENTS);
  }

  async setStock(sku: string, available: number, unitPrice?: number, name?: string): Promise<Stock> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: skuKey(sku) },
        UpdateExpression:
          'SET sku = :sku, available = :available, reserved = if_not_exists(reserved, :zero), unitPrice = ' +
          (unitPrice === undefined ? 'if_not_exists(unitPrice, :price)' : ':price') +
          (name === undefined ? '' : ', #name = :name'),
        ExpressionAttributeValues: {
          ':sku': sku,
          ':available': available,
          ':zero': 0,
          ':price': unitPrice ?? DEFAULT_UNIT_PRICE,
          ...(name === undefined ? {} : { ':name': name }),
        },
        ...(name === undefined ? {} : { ExpressionAttributeNames: { '#name': 'name' } }),
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

  async reserve(
    orderId: string,
    requested: readonly ReservationLine[],
    step: StepContext,
  ): Promise<Reservation> {
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
            this.newReservation(reservation),
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
            this.outbox.put('InventoryReserved', reservedEvent(reservation, step), step),
          ],
        }),
      );
      return reservation;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed === undefined) throw error;
      // The order already has a reservation, or a refusal: this is a repeat, answered as the first was.
      if (failed.includes(0)) return answerOf(await this.existing(orderId));
      const short = failed.map((index) => lines[index - 1]?.sku ?? '?');
      return answerOf(await this.refuse(refusal(orderId, lines, short), step));
    }
  }

  async release(orderId: string, step: StepContext): Promise<Reservation | undefined> {
    const current = await this.reservation(orderId);
    if (current === undefined) return this.releaseBeforeReserved(orderId, step);
    if (current.status !== 'RESERVED') return current;
    const released: Reservation = { ...current, status: 'RELEASED' };
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
            this.outbox.put('InventoryReleased', releasedEvent(released, step), step),
          ],
        }),
      );
      return released;
    } catch (error) {
      const failed = failedConditions(error);
      // Released by a concurrent call in the meantime: one effect, whoever made it.
      if (failed?.includes(0)) return this.reservation(orderId);
      throw error;
    }
  }

  /**
   * A release before any reservation (the order's compensation ran first: a sweep, a reordered delivery)
   * records that nothing is held, so a reservation arriving later finds the order's record taken and
   * reserves nothing. Raced by that reservation instead, it releases what was just reserved.
   */
  private async releaseBeforeReserved(orderId: string, step: StepContext): Promise<Reservation | undefined> {
    const tombstone = releasedBeforeReserved(orderId);
    const event = this.outbox.put('InventoryReleased', releasedEvent(tombstone, step), step);
    if (await transactOnce(this.client, [this.newReservation(tombstone), event])) return tombstone;
    return this.release(orderId, step);
  }

  /** Records the refusal with its event; if the order's record was written meanwhile, that one stands. */
  private async refuse(refused: Reservation, step: StepContext): Promise<Reservation> {
    const event = this.outbox.put('InventoryOutOfStock', outOfStockEvent(refused, step), step);
    if (await transactOnce(this.client, [this.newReservation(refused), event])) return refused;
    return this.existing(refused.orderId);
  }

  /** The order's one record, written only if it has none yet (the first item of every transaction here). */
  private newReservation(reservation: Reservation) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { id: reservationKey(reservation.orderId), ...reservation },
        ConditionExpression: 'attribute_not_exists(id)',
      },
    };
  }

  private async existing(orderId: string): Promise<Reservation> {
    const reservation = await this.reservation(orderId);
    if (reservation === undefined) throw new Error(`The reservation of ${orderId} vanished.`);
    return reservation;
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

function toStock(item: StockItem): Stock {
  const { sku, available, reserved, unitPrice, name } = item;
  return { sku, available, reserved, unitPrice, ...(name === undefined ? {} : { name }) };
}
