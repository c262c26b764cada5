import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { DynamoDbInventoryStore } from '../../../lambdas/inventory/adapters/dynamodb-inventory-store';
import { INVENTORY_EVENT_SOURCE } from '../../../lambdas/inventory/contract';
import { OutOfStock } from '../../../lambdas/inventory/domain/stock';
import type { StepContext } from '../../../lambdas/orders/contract';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { outboxEventsOf, outboxTypesOf } from '../../helpers/outbox';
import { startStackTables } from '../../helpers/stack-tables';

/** The inventory on DynamoDB Local, its tables (Inventory, Outbox) from the synthesized Inventory stack. */
let db: DynamoDbLocal;
let client: DynamoDBDocumentClient;
let store: DynamoDbInventoryStore;
let outboxTable: string;
let inventoryTable: string;
const events = (orderId: string) => outboxEventsOf(client, outboxTable, orderId);
const types = (orderId: string) => outboxTypesOf(client, outboxTable, orderId);

const step: StepContext = { correlationId: 'corr-1', causationId: 'cause-1', sagaStyle: 'choreography' };

beforeAll(async () => {
  const started = await startStackTables('inventory');
  ({ db, client } = started);
  outboxTable = started.table('InventoryEventsOutbox');
  inventoryTable = started.table('InventoryTable');
  store = new DynamoDbInventoryStore(client, inventoryTable, outboxTable);
});
afterAll(() => db?.stop());

let n = 0;
const sku = () => `SKU-${++n}`;

describe('DynamoDbInventoryStore on DynamoDB Local', () => {
  it('reserves every line of an order, priced at the unit prices, moves stock from available to reserved, and writes InventoryReserved with it', async () => {
    const [a, b] = [sku(), sku()];
    await store.setStock(a, 5, 2.5);
    await store.setStock(b, 3);
    const reservation = await store.reserve(
      'order-1',
      [
        { sku: a, quantity: 2 },
        { sku: b, quantity: 1 },
        { sku: a, quantity: 1 },
      ],
      step,
    );
    const lines = [
      { sku: a, quantity: 3 },
      { sku: b, quantity: 1 },
    ];
    expect(reservation).toEqual({ orderId: 'order-1', lines, total: 17.5, status: 'RESERVED' });
    expect(await store.getStock(a)).toMatchObject({ available: 2, reserved: 3 });
    expect(await store.getStock(b)).toMatchObject({ available: 2, reserved: 1, unitPrice: 10 });
    const [event, ...more] = await events('order-1');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      source: INVENTORY_EVENT_SOURCE,
      type: 'InventoryReserved',
      data: { orderId: 'order-1', sagaStyle: 'choreography', lines, total: 17.5 },
      metadata: { correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 1 },
    });
  });

  it('reserves nothing when one line is short (all or nothing), records the refusal with InventoryOutOfStock, and answers a repeat the same even once stock has come in', async () => {
    const [a, b, never] = [sku(), sku(), sku()];
    await store.setStock(a, 5);
    await store.setStock(b, 1);
    const lines = [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 2 },
      { sku: never, quantity: 1 },
    ];
    await expect(store.reserve('order-2', lines, step)).rejects.toEqual(new OutOfStock([b, never]));
    expect(await store.getStock(a)).toMatchObject({ available: 5, reserved: 0 });
    expect(await store.getStock(b)).toMatchObject({ available: 1, reserved: 0 });
    // A redelivered request must not decide otherwise: the order was refused.
    await store.setStock(b, 2);
    await store.setStock(never, 1);
    await expect(store.reserve('order-2', lines, step)).rejects.toEqual(new OutOfStock([b, never]));
    expect(await store.getStock(b)).toMatchObject({ available: 2, reserved: 0 });
    expect(await events('order-2')).toEqual([
      expect.objectContaining({
        type: 'InventoryOutOfStock',
        data: { orderId: 'order-2', sagaStyle: 'choreography', skus: [b, never] },
      }),
    ]);
  });

  it('has one effect, and one event, however often an order reserves or releases', async () => {
    const a = sku();
    await store.setStock(a, 4);
    const first = await store.reserve('order-3', [{ sku: a, quantity: 3 }], step);
    await expect(store.reserve('order-3', [{ sku: a, quantity: 3 }], step)).resolves.toEqual(first);
    expect(await store.getStock(a)).toMatchObject({ available: 1, reserved: 3 });
    const releases = await Promise.all([
      store.release('order-3', { ...step, cause: 'PAYMENT_DECLINED' }),
      store.release('order-3', { ...step, cause: 'PAYMENT_DECLINED' }),
      store.release('order-3', { ...step, cause: 'PAYMENT_DECLINED' }),
    ]);
    for (const released of releases) expect(released).toMatchObject({ status: 'RELEASED' });
    expect(await store.getStock(a)).toMatchObject({ available: 4, reserved: 0 });
    // Sorted by type: two events written within one millisecond have no order of their own.
    expect((await types('order-3')).sort()).toEqual(['InventoryReleased', 'InventoryReserved']);
    expect((await events('order-3')).find(({ type }) => type === 'InventoryReleased')?.data).toEqual({
      orderId: 'order-3',
      sagaStyle: 'choreography',
      lines: [{ sku: a, quantity: 3 }],
      cause: 'PAYMENT_DECLINED',
    });
  });

  it('releases only what that order reserved', async () => {
    const a = sku();
    await store.setStock(a, 10);
    await store.reserve('order-4', [{ sku: a, quantity: 4 }], step);
    await store.reserve('order-5', [{ sku: a, quantity: 5 }], step);
    await store.release('order-4', step);
    expect(await store.getStock(a)).toMatchObject({ available: 5, reserved: 5 });
  });

  it('a release before any reservation is recorded (an empty InventoryReleased), and the late reservation reserves nothing', async () => {
    const a = sku();
    await store.setStock(a, 10);
    await expect(store.release('order-late', step)).resolves.toEqual({
      orderId: 'order-late',
      lines: [],
      total: 0,
      status: 'RELEASED',
    });
    await expect(store.reserve('order-late', [{ sku: a, quantity: 4 }], step)).resolves.toMatchObject({
      status: 'RELEASED',
    });
    expect(await store.getStock(a)).toMatchObject({ available: 10, reserved: 0 });
    expect(await events('order-late')).toEqual([
      expect.objectContaining({
        type: 'InventoryReleased',
        data: { orderId: 'order-late', sagaStyle: 'choreography', lines: [] },
      }),
    ]);
  });

  it('changes nothing when its event cannot be written: the change and the event are one transaction', async () => {
    const a = sku();
    await store.setStock(a, 10);
    const noOutbox = new DynamoDbInventoryStore(client, inventoryTable, 'no-such-outbox');
    await expect(noOutbox.reserve('order-6', [{ sku: a, quantity: 4 }], step)).rejects.toThrow();
    expect(await store.getStock(a)).toMatchObject({ available: 10, reserved: 0 });
    // The order has no record: reserving it for real still works.
    await expect(store.reserve('order-6', [{ sku: a, quantity: 4 }], step)).resolves.toMatchObject({
      status: 'RESERVED',
    });
    expect(await types('order-6')).toEqual(['InventoryReserved']);
  });

  it('never oversells under concurrent reservations and releases of one SKU (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 6 }), thenRelease: fc.boolean() }), {
          minLength: 2,
          maxLength: 14,
        }),
        async (stock, orders) => {
          const a = sku();
          await store.setStock(a, stock);
          const outcomes = await Promise.allSettled(
            orders.map(async ({ quantity, thenRelease }, i) => {
              await store.reserve(`${a}-order-${i}`, [{ sku: a, quantity }], step);
              if (thenRelease) await store.release(`${a}-order-${i}`, step);
              return quantity;
            }),
          );
          for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(OutOfStock);
          const held = orders.reduce(
            (sum, { quantity, thenRelease }, i) =>
              sum + (outcomes[i]?.status === 'fulfilled' && !thenRelease ? quantity : 0),
            0,
          );
          const after = await store.getStock(a);
          expect(after?.available).toBeGreaterThanOrEqual(0);
          expect(after?.reserved).toBe(held);
          expect((after?.available ?? 0) + (after?.reserved ?? 0)).toBe(stock);
          // One event per change: a reservation or a refusal per order, a release per release.
          for (const [i, { thenRelease }] of orders.entries()) {
            const reserved = outcomes[i]?.status === 'fulfilled';
            expect((await types(`${a}-order-${i}`)).sort()).toEqual(
              reserved
                ? [...(thenRelease ? ['InventoryReleased'] : []), 'InventoryReserved']
                : ['InventoryOutOfStock'],
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
