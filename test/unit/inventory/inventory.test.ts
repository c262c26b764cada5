import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  normalizeLines,
  OutOfStock,
  priceOf,
  type Reservation,
  type ReservationLine,
  type Stock,
} from '../../../lambdas/inventory/domain/stock';
import {
  releaseInventoryTask,
  reserveInventoryTask,
} from '../../../lambdas/inventory/handlers/reservation-tasks';
import {
  getProductHandler,
  getStockHandler,
  setStockHandler,
} from '../../../lambdas/inventory/handlers/stock-handlers';
import type { InventoryStore } from '../../../lambdas/inventory/ports/inventory-store';
import { InvalidRequestError } from '../../../lambdas/shared/errors';
import { InvalidTaskInput } from '../../../lambdas/shared/tasks/task-handler';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';

/** The port in memory: enough to drive the handlers (the real adapter is proven on DynamoDB Local). */
class FakeInventory implements InventoryStore {
  readonly stock = new Map<string, Stock>();
  readonly reservations = new Map<string, Reservation>();
  async setStock(sku: string, available: number, unitPrice?: number, name?: string) {
    const known = this.stock.get(sku);
    const stock: Stock = {
      sku,
      available,
      reserved: known?.reserved ?? 0,
      unitPrice: unitPrice ?? known?.unitPrice ?? 10,
      ...((name ?? known?.name) === undefined ? {} : { name: name ?? known?.name }),
    };
    this.stock.set(sku, stock);
    return stock;
  }
  async getStock(sku: string) {
    return this.stock.get(sku);
  }
  async reserve(orderId: string, lines: readonly ReservationLine[]) {
    const short = lines
      .filter(({ sku, quantity }) => (this.stock.get(sku)?.available ?? 0) < quantity)
      .map((l) => l.sku);
    if (short.length > 0) throw new OutOfStock(short);
    const reservation: Reservation = { orderId, lines, total: 1, status: 'RESERVED' };
    this.reservations.set(orderId, reservation);
    return reservation;
  }
  async release(orderId: string) {
    return this.reservations.get(orderId);
  }
}

const body = (result: APIGatewayProxyResult) => JSON.parse(result.body);

describe('stock and reservation lines', () => {
  it('merges lines of one SKU and refuses empty or non-positive ones', () => {
    expect(
      normalizeLines([
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 2 },
        { sku: 'A', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 4 },
      { sku: 'B', quantity: 2 },
    ]);
    expect(() => normalizeLines([])).toThrow(InvalidRequestError);
    expect(() => normalizeLines([{ sku: 'A', quantity: 0 }])).toThrow(InvalidRequestError);
    expect(() => normalizeLines([{ sku: 'A', quantity: 1.5 }])).toThrow(InvalidRequestError);
  });

  it('prices in whole cents, at the default price for SKUs without one', () => {
    expect(
      priceOf(
        [
          { sku: 'A', quantity: 3 },
          { sku: 'B', quantity: 1 },
        ],
        new Map([['A', 0.1]]),
      ),
    ).toBe(10.3);
  });
});

describe('stock endpoints (non-production test hooks)', () => {
  it('sets and reads stock; an unknown SKU is 404, a bad SKU or body 400', async () => {
    const inventory = new FakeInventory();
    const put = (sku: string, payload: unknown) =>
      setStockHandler({ inventory })(
        apiEvent({
          method: 'PUT',
          resource: '/inventory/{sku}',
          pathParameters: { sku },
          body: JSON.stringify(payload),
        }),
        lambdaContext('set-stock'),
      );
    const get = (sku: string) =>
      getStockHandler({ inventory })(
        apiEvent({ method: 'GET', resource: '/inventory/{sku}', pathParameters: { sku } }),
        lambdaContext('get-stock'),
      );
    expect(body(await put('MUG-1', { available: 7, unitPrice: 4.5 }))).toEqual({
      sku: 'MUG-1',
      available: 7,
      reserved: 0,
      unitPrice: 4.5,
    });
    expect(body(await get('MUG-1'))).toEqual({ sku: 'MUG-1', available: 7, reserved: 0, unitPrice: 4.5 });
    expect((await get('NEVER')).statusCode).toBe(404);
    expect((await put('MUG-1', { available: -1 })).statusCode).toBe(400);
    expect((await put('MUG-1', { available: 1, extra: true })).statusCode).toBe(400);
    expect((await get('bad sku!')).statusCode).toBe(400);
  });
});

describe('GET /products/{sku}: the public catalogue', () => {
  it('answers the view with the shop currency, the SKU for a name until one is set, 404 for the unknown', async () => {
    const reads: string[] = [];
    const inventory = new (class extends FakeInventory {
      override async getStock(sku: string) {
        reads.push(sku);
        return super.getStock(sku);
      }
    })();
    const get = async (sku: string) => {
      const result = await getProductHandler({ inventory })(
        apiEvent({ method: 'GET', resource: '/products/{sku}', pathParameters: { sku } }),
        lambdaContext('get-product'),
      );
      return { status: result.statusCode, body: body(result) };
    };
    await inventory.setStock('MUG-1', 7, 4.5);
    expect(await get('MUG-1')).toEqual({
      status: 200,
      body: { sku: 'MUG-1', name: 'MUG-1', unitPrice: 4.5, currency: 'EUR', available: 7 },
    });
    await inventory.setStock('MUG-1', 6, undefined, 'Red mug');
    expect((await get('MUG-1')).body).toMatchObject({ name: 'Red mug', unitPrice: 4.5, available: 6 });
    expect((await get('NEVER')).status).toBe(404);
    reads.length = 0;
    // Not a SKU at all: a 404 without a read (the route is anonymous and cached: no 400 to probe with).
    expect((await get('../etc')).status).toBe(404);
    expect(reads).toEqual([]);
  });
});

describe('the saga inventory tasks', () => {
  it('reserve returns the total; a short SKU fails as OutOfStock, by name, for the state machine to catch', async () => {
    const inventory = new FakeInventory();
    await inventory.setStock('A', 2);
    const reserve = reserveInventoryTask({ inventory });
    const input = { correlationId: 'c-1', orderId: 'o-1', items: [{ sku: 'A', quantity: 2 }] };
    await expect(reserve(input, lambdaContext('reserve'))).resolves.toEqual({
      orderId: 'o-1',
      total: 1,
      lines: input.items,
    });
    await expect(
      reserve({ ...input, items: [{ sku: 'A', quantity: 3 }] }, lambdaContext('reserve')),
    ).rejects.toMatchObject({
      name: 'OutOfStock',
    });
  });

  it('refuses malformed input as InvalidTaskInput (a bug in the definition, never caught as business)', async () => {
    const reserve = reserveInventoryTask({ inventory: new FakeInventory() });
    await expect(reserve({ orderId: 'o-1', items: [] }, lambdaContext('reserve'))).rejects.toBeInstanceOf(
      InvalidTaskInput,
    );
  });

  it('release reports whether there was anything to give back', async () => {
    const inventory = new FakeInventory();
    const release = releaseInventoryTask({ inventory });
    await expect(release({ correlationId: 'c', orderId: 'none' }, lambdaContext('release'))).resolves.toEqual(
      {
        orderId: 'none',
        released: false,
      },
    );
  });
});
