import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { requestCancellation } from '../../lambdas/orders/use-cases/request-cancellation';
import { STAGES } from '../../lib/config/stage-config';
import type { Consumer } from './choreography-bus';
import { expectStockRestored, netCaptured, type OrderOptions, orderOf } from './saga-orders';
import { type SagaWorld, startSagaWorld } from './saga-world';

/**
 * The choreographed saga on its real consumers (their handlers, Powertools batch processing and
 * idempotency, the services' use cases on DynamoDB Local, the provider's real handler), the bus in the
 * test's hands: events are routed by the synthesized rules' own patterns and delivered when, and as often
 * as, the test says. Each scenario must end exactly as the orchestrated saga ends it (place-order-saga.test.ts,
 * the same outcomes), whatever the order of delivery and however often an event comes.
 */
let world: SagaWorld;
beforeAll(async () => {
  world = await startSagaWorld();
});
afterAll(() => world?.stop());

type Scenario = 'CONFIRMED' | 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'SHIPPING_UNAVAILABLE' | 'CANCELLED';
const SCENARIOS: Record<Scenario, OrderOptions> = {
  CONFIRMED: {},
  OUT_OF_STOCK: { stock: [1, 10] },
  PAYMENT_DECLINED: { token: 'tok_declined' },
  SHIPPING_UNAVAILABLE: { country: 'XX' },
  CANCELLED: {},
};

/** How the bus misbehaves at one delivery: which pending message goes next, whether it comes again. */
interface Mischief {
  readonly pick: number;
  readonly again: boolean;
  /** The consumer's idempotency records expire first: only its operations' own idempotency is left. */
  readonly forget?: Consumer;
}

const orderly: Mischief[] = [];

/** Delivers until nothing is pending, misbehaving as told; a cancellation is asked for once confirmed. */
async function fulfil(orderId: string, scenario: Scenario, mischief: readonly Mischief[]) {
  let cancelled = scenario !== 'CANCELLED';
  await world.bus.collect();
  for (let step = 0; ; step++) {
    if (world.bus.pending.length === 0) {
      if (cancelled) return;
      expect((await world.orders.load(orderId)).state?.status).toBe('CONFIRMED');
      await requestCancellation(world.orders, orderId, 'changed my mind', {
        correlationId: `corr-${orderId}`,
        causationId: 'test',
        now: () => new Date(),
        newId: randomUUID,
      });
      cancelled = true;
      await world.bus.collect();
      continue;
    }
    if (step > 300) throw new Error(`Still delivering after ${step}: ${JSON.stringify(world.bus.pending)}`);
    const { pick, again, forget } = mischief[step] ?? { pick: 0, again: false };
    const index = pick % world.bus.pending.length;
    const delivery = world.bus.pending[index];
    // Never to a consumer's DLQ: every scenario here ends before the queue gives up on a message.
    expect(delivery?.attempt ?? 0).toBeLessThanOrEqual(STAGES.local.choreography.maxReceiveCount);
    if (forget !== undefined) await world.bus.forget(forget);
    await world.bus.deliver(index, { again });
    await world.bus.collect();
  }
}

/** The outcome the orchestrated saga gives each scenario: status, reason, stock, money, shipment. */
async function expectOutcome(order: Awaited<ReturnType<typeof orderOf>>, scenario: Scenario) {
  const { orderId, skus, stock } = order;
  const state = (await world.orders.load(orderId)).state;
  const shipment = await world.shipmentOf(orderId);
  if (scenario === 'CONFIRMED') {
    expect(state).toMatchObject({ status: 'CONFIRMED', total: 12.5 });
    expect(await world.inventory.getStock(skus[0] ?? '')).toMatchObject({ available: 8, reserved: 2 });
    expect(await world.inventory.getStock(skus[1] ?? '')).toMatchObject({ available: 9, reserved: 1 });
    expect(await netCaptured(world, orderId)).toBe(12.5);
    expect(shipment).toMatchObject({ status: 'SCHEDULED' });
    return;
  }
  if (scenario === 'CANCELLED') {
    expect(state).toMatchObject({ status: 'CANCELLED', total: 12.5, cancellationReason: 'changed my mind' });
    expect(shipment).toMatchObject({ status: 'CANCELLED' });
  } else {
    expect(state).toMatchObject({ status: 'REJECTED', rejectionReason: scenario });
    expect(shipment?.status).not.toBe('SCHEDULED');
  }
  await expectStockRestored(world, skus, stock);
  expect(await netCaptured(world, orderId)).toBe(0);
}

/** One effect of each kind at most, however often the events came: never reserved, charged or booked twice. */
async function expectOneEffectEach(orderId: string) {
  const published = await world.bus.publishedFor(orderId);
  const types = [
    'InventoryReserved',
    'PaymentCaptured',
    'ShipmentScheduled',
    'InventoryReleased',
    'PaymentRefunded',
  ];
  const counts = Object.fromEntries(types.map((type) => [type, published.filter((t) => t === type).length]));
  expect(counts).toEqual(Object.fromEntries(types.map((type) => [type, Math.min(counts[type] ?? 0, 1)])));
}

describe('the choreographed saga, delivered in order once', () => {
  it.each(Object.keys(SCENARIOS) as Scenario[])(
    '%s ends as the orchestrated saga ends it',
    async (scenario) => {
      const order = await orderOf(world, { ...SCENARIOS[scenario], sagaStyle: 'choreography' });
      await fulfil(order.orderId, scenario, orderly);
      await expectOutcome(order, scenario);
      await expectOneEffectEach(order.orderId);
    },
  );
});

describe('the choreographed saga under any duplication and reordering of its deliveries (property)', () => {
  it('ends as the orchestrated saga ends it, with stock conserved and one effect of each step', async () => {
    const consumers: Consumer[] = ['orders', 'inventory', 'payments', 'shipping'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(SCENARIOS) as Scenario[])),
        fc.array(
          fc.record({
            pick: fc.nat({ max: 20 }),
            again: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
            forget: fc.option(fc.constantFrom(...consumers), { nil: undefined, freq: 6 }),
          }),
          { maxLength: 40 },
        ),
        async (scenario, mischief) => {
          const order = await orderOf(world, { ...SCENARIOS[scenario], sagaStyle: 'choreography' });
          await fulfil(order.orderId, scenario, mischief);
          await expectOutcome(order, scenario);
          await expectOneEffectEach(order.orderId);
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});

describe('the choreographed saga when the provider cannot be reached', () => {
  it('gives the charge up after its attempts and only settles afterwards: REJECTED PAYMENT_UNAVAILABLE as orchestrated, even once the provider is back', async () => {
    const { chargeAttempts } = STAGES.local.choreography;
    const order = await orderOf(world, { sagaStyle: 'choreography' });
    await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 1 });
    try {
      await world.bus.collect();
      // Until the charge has failed on every attempt it is given, and its settlement failed too.
      const settling = () =>
        world.bus.pending.some(
          ({ consumer, attempt }) => consumer === 'payments' && attempt > chargeAttempts,
        );
      for (let step = 0; !settling(); step++) {
        if (step > 20 || world.bus.pending.length === 0) throw new Error('The charge never failed for good.');
        await world.bus.deliver(0);
        await world.bus.collect();
      }
    } finally {
      await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 0 });
      await world.resetBreaker();
    }
    // The provider is back: the next delivery settles (voids the key), it does not charge.
    await fulfil(order.orderId, 'PAYMENT_UNAVAILABLE' as Scenario, orderly);
    expect((await world.orders.load(order.orderId)).state).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'PAYMENT_UNAVAILABLE',
    });
    await expectStockRestored(world, order.skus, order.stock);
    expect(await netCaptured(world, order.orderId)).toBe(0);
    expect(await world.payments.get(order.orderId)).toMatchObject({
      status: expect.stringMatching(/VOIDED|REFUNDED/),
    });
  }, 60_000);
});
