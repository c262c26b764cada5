import fc from 'fast-check';
import { DynamoDbInventoryStore } from '../../../lambdas/inventory/adapters/dynamodb-inventory-store';
import { OutOfStock } from '../../../lambdas/inventory/domain/stock';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import {
  createTables,
  type DynamoDbLocal,
  startDynamoDbLocal,
  tableNamed,
} from '../../helpers/dynamodb-local';
import { synthShop } from '../../helpers/synth';

/** The inventory on DynamoDB Local, its table from the synthesized Inventory stack. */
let db: DynamoDbLocal;
let store: DynamoDbInventoryStore;

beforeAll(async () => {
  const { app, stacks } = synthShop('local');
  db = await startDynamoDbLocal();
  const tables = await createTables(
    db.client,
    app.synth().getStackByName(stacks.inventory.stackName).template,
    'inventory',
  );
  store = new DynamoDbInventoryStore(documentClient(db.client), tableNamed(tables, 'InventoryTable'));
});
afterAll(() => db?.stop());

let n = 0;
const sku = () => `SKU-${++n}`;

describe('DynamoDbInventoryStore on DynamoDB Local', () => {
  it('reserves every line of an order, priced at the unit prices, and moves stock from available to reserved', async () => {
    const [a, b] = [sku(), sku()];
    await store.setStock(a, 5, 2.5);
    await store.setStock(b, 3);
    const reservation = await store.reserve('order-1', [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 1 },
      { sku: a, quantity: 1 },
    ]);
    expect(reservation).toEqual({
      orderId: 'order-1',
      lines: [
        { sku: a, quantity: 3 },
        { sku: b, quantity: 1 },
      ],
      total: 17.5,
      status: 'RESERVED',
    });
    expect(await store.getStock(a)).toMatchObject({ available: 2, reserved: 3 });
    expect(await store.getStock(b)).toMatchObject({ available: 2, reserved: 1, unitPrice: 10 });
  });

  it('reserves nothing when one line is short (all or nothing), naming the SKUs short', async () => {
    const [a, b, never] = [sku(), sku(), sku()];
    await store.setStock(a, 5);
    await store.setStock(b, 1);
    await expect(
      store.reserve('order-2', [
        { sku: a, quantity: 2 },
        { sku: b, quantity: 2 },
        { sku: never, quantity: 1 },
      ]),
    ).rejects.toEqual(new OutOfStock([b, never]));
    expect(await store.getStock(a)).toMatchObject({ available: 5, reserved: 0 });
    expect(await store.getStock(b)).toMatchObject({ available: 1, reserved: 0 });
    // Nothing half-made: the order can still reserve once stock arrives.
    await store.setStock(b, 2);
    await store.setStock(never, 1);
    await expect(store.reserve('order-2', [{ sku: b, quantity: 2 }])).resolves.toMatchObject({
      status: 'RESERVED',
    });
  });

  it('has one effect however often an order reserves or releases', async () => {
    const a = sku();
    await store.setStock(a, 4);
    const first = await store.reserve('order-3', [{ sku: a, quantity: 3 }]);
    await expect(store.reserve('order-3', [{ sku: a, quantity: 3 }])).resolves.toEqual(first);
    expect(await store.getStock(a)).toMatchObject({ available: 1, reserved: 3 });
    const releases = await Promise.all([
      store.release('order-3'),
      store.release('order-3'),
      store.release('order-3'),
    ]);
    for (const released of releases) expect(released).toMatchObject({ status: 'RELEASED' });
    expect(await store.getStock(a)).toMatchObject({ available: 4, reserved: 0 });
  });

  it('releases only what that order reserved, and nothing for an order that reserved nothing', async () => {
    const a = sku();
    await store.setStock(a, 10);
    await store.reserve('order-4', [{ sku: a, quantity: 4 }]);
    await store.reserve('order-5', [{ sku: a, quantity: 5 }]);
    await expect(store.release('order-never')).resolves.toBeUndefined();
    await store.release('order-4');
    expect(await store.getStock(a)).toMatchObject({ available: 5, reserved: 5 });
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
              await store.reserve(`${a}-order-${i}`, [{ sku: a, quantity }]);
              if (thenRelease) await store.release(`${a}-order-${i}`);
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
        },
      ),
      { numRuns: 30 },
    );
  });
});
