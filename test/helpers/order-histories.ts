import fc from 'fast-check';
import { CURRENCIES, REJECTION_REASONS } from '../../lambdas/orders/contract';
import { decide, type Order, type OrderCommand, rehydrate } from '../../lambdas/orders/domain/order';
import type { StoredEvent } from '../../lambdas/orders/ports/event-store';
import { toOrderEvent, toStoredEvents } from '../../lambdas/orders/use-cases/order-stream';

/**
 * Generators of valid order histories for property tests: a PlaceOrder followed by any sequence of later
 * commands, each decided against the state so far (commands the state forbids are dropped, as the API
 * would refuse them), stamped with non-decreasing times. Every history is one the real system could store.
 */
const item = fc.record({
  sku: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
  quantity: fc.integer({ min: 1, max: 1000 }),
});

export const placeOrderCommand = (orderId: string) =>
  fc.record({
    type: fc.constant('PlaceOrder' as const),
    orderId: fc.constant(orderId),
    customerId: fc.stringMatching(/^cust-[a-z0-9]{1,6}$/),
    items: fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.sku }),
    currency: fc.option(fc.constantFrom(...CURRENCIES), { nil: undefined }),
    paymentToken: fc.constantFrom('tok_ok', 'tok_declined'),
    shippingAddress: fc.record({
      name: fc.constant('Ada'),
      line1: fc.constant('1 Main St'),
      city: fc.constant('Berlin'),
      postalCode: fc.constant('10115'),
      country: fc.constantFrom('DE', 'FR', 'XX'),
    }),
    sagaStyle: fc.option(fc.constantFrom('orchestration' as const, 'choreography' as const), {
      nil: undefined,
    }),
  });

export const laterCommand: fc.Arbitrary<Exclude<OrderCommand, { type: 'PlaceOrder' }>> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('ConfirmOrder' as const),
      total: fc.integer({ min: 0, max: 10_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('RejectOrder' as const),
      reason: fc.constantFrom(...REJECTION_REASONS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('CancelOrder' as const),
      reason: fc.constantFrom('customer', 'fraud'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('AddNote' as const),
      author: fc.constantFrom('support', 'warehouse'),
      note: fc.string({ minLength: 1, maxLength: 20 }).filter((n) => n.trim().length > 0),
    }),
  },
);

/** Builds the stored history of one order from its commands, as the use cases would. */
export function historyOf(
  commands: readonly OrderCommand[],
  start = Date.parse('2026-01-01T00:00:00.000Z'),
  stepsMs: readonly number[] = [],
): StoredEvent[] {
  const first = commands[0];
  if (first?.type !== 'PlaceOrder') throw new Error('A history starts with PlaceOrder.');
  const stored: StoredEvent[] = [];
  let state: Order | undefined;
  let clock = start;
  let ids = 0;
  for (const [index, command] of commands.entries()) {
    let decided: ReturnType<typeof decide>;
    try {
      decided = decide(state, command);
    } catch {
      continue;
    }
    clock += stepsMs[index] ?? 1000;
    const events = toStoredEvents(first.orderId, state?.version ?? 0, decided, {
      correlationId: 'corr',
      causationId: `cmd-${index}`,
      occurredAt: new Date(clock).toISOString(),
      newEventId: () => `${first.orderId}-e${++ids}`,
    });
    state = rehydrate(events.map(toOrderEvent), state);
    stored.push(...events);
  }
  return stored;
}

/** Any valid history of one order, with 0 to `maxLater` later commands and time steps of 0-5 s. */
export function orderHistory(orderId: string, maxLater = 30): fc.Arbitrary<StoredEvent[]> {
  return fc
    .tuple(
      placeOrderCommand(orderId),
      fc.array(laterCommand, { maxLength: maxLater }),
      fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: maxLater + 1, maxLength: maxLater + 1 }),
    )
    .map(([place, later, steps]) => historyOf([place, ...later], undefined, steps));
}
