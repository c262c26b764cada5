import type { OrderViewAnswer } from '../../../lambdas/orders/contract';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../lambdas/push/domain/connection';
import { openConnection } from '../../../lambdas/push/use-cases/connections';
import { subscribe } from '../../../lambdas/push/use-cases/subscribe';
import {
  CUSTOMER,
  InMemoryConnectionStore,
  ORDER,
  OTHER_CUSTOMER,
  OTHER_ORDER,
  orderView,
  RecordingMessenger,
} from '../../helpers/in-memory-push';

const trace = { correlationId: 'corr-1' };

/** A connection of CUSTOMER, and the orders service answering `answers` in turn (the last one after). */
async function world(answers: readonly (OrderViewAnswer | undefined | Error)[] = [orderView(1)]) {
  const store = new InMemoryConnectionStore();
  const messenger = new RecordingMessenger();
  await openConnection(store, 'c1', CUSTOMER, new Date('2026-12-05T10:00:00Z'));
  const lookups: string[] = [];
  const orders = {
    async order(orderId: string) {
      lookups.push(orderId);
      const answer = answers[Math.min(lookups.length, answers.length) - 1];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const deps = { store, messenger, orders, sleep: async () => undefined };
  const run = (orderId = ORDER) => subscribe(deps, { connectionId: 'c1', orderId, trace });
  return { store, messenger, lookups, run };
}

describe('subscribing to an order', () => {
  it('subscribes the customer to their own order and sends it as it is now', async () => {
    const { store, messenger, run } = await world();
    await expect(run()).resolves.toBe('subscribed');
    expect(messenger.received.get('c1')).toEqual([
      { type: 'subscribed', orderId: ORDER },
      { type: 'order.updated', data: orderView(1) },
    ]);
    expect(store.state(ORDER, 'c1')).toEqual(
      expect.objectContaining({ customerId: CUSTOMER, sentVersion: 1 }),
    );
    expect((await store.connection('c1'))?.orderIds).toEqual([ORDER]);
  });

  it('sends the order as read after subscribing: a change between the check and the subscription is not lost', async () => {
    const { messenger, lookups, run } = await world([orderView(1), orderView(2)]);
    await run();
    expect(lookups).toEqual([ORDER, ORDER]);
    expect(messenger.versions('c1')).toEqual([2]);
  });

  it.each([
    ['another customer’s order', orderView(1, { customerId: OTHER_CUSTOMER })],
    ['an order that does not exist', undefined],
  ])('refuses %s alike, subscribing nothing and sending nothing of it', async (_, answer) => {
    const { store, messenger, run } = await world([answer]);
    await expect(run()).resolves.toBe('order-not-found');
    expect(messenger.received.get('c1')).toEqual([
      { type: 'error', error: 'order-not-found', message: 'No such order of yours.', orderId: ORDER },
    ]);
    expect(store.subscriptions.size).toBe(0);
    expect((await store.connection('c1'))?.orderIds).toEqual([]);
  });

  it('refuses what cannot be an order id without asking the orders service', async () => {
    const { messenger, lookups, run } = await world();
    await expect(run('../customers/x')).resolves.toBe('order-not-found');
    expect(lookups).toEqual([]);
    expect(messenger.types('c1')).toEqual(['error']);
  });

  it('answers "unavailable" when the orders service cannot say, subscribing nothing', async () => {
    const { store, messenger, run } = await world([new Error('The orders service answered HTTP 503.')]);
    await expect(run()).resolves.toBe('unavailable');
    expect(messenger.received.get('c1')?.[0]).toMatchObject({ type: 'error', error: 'unavailable' });
    expect(store.subscriptions.size).toBe(0);
  });

  it('still sends the first view when the second read fails (an older view is still in version order)', async () => {
    const { messenger, run } = await world([orderView(1), new Error('late')]);
    await expect(run()).resolves.toBe('subscribed');
    expect(messenger.versions('c1')).toEqual([1]);
  });

  it('refuses one order more than a connection may watch, and keeps the ones it has', async () => {
    const { store, messenger, run } = await world([orderView(1), orderView(1)]);
    const full = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, (_, i) => `order-${i}`);
    const connection = await store.connection('c1');
    await store.open({ ...(connection as NonNullable<typeof connection>), orderIds: full });
    await expect(run()).resolves.toBe('too-many-subscriptions');
    expect(messenger.received.get('c1')?.[0]).toMatchObject({ error: 'too-many-subscriptions' });
    expect((await store.connection('c1'))?.orderIds).toEqual(full);
  });

  it('subscribing again changes nothing and sends nothing already sent', async () => {
    const { store, messenger, run } = await world();
    await run();
    await expect(run()).resolves.toBe('subscribed');
    expect(messenger.types('c1')).toEqual(['subscribed', 'order.updated', 'subscribed']);
    expect(store.subscriptions.size).toBe(1);
  });

  it('leaves the view to the fan-out while it is posting to this subscription (no overtaking)', async () => {
    const { store, messenger, run } = await world([orderView(1), orderView(2)]);
    // The fan-out takes the lease as soon as the subscription exists, and is still posting version 1.
    messenger.duringSend = async (_, message) => {
      if (message.type === 'subscribed') {
        await store.claim(
          { orderId: ORDER, connectionId: 'c1' },
          1,
          { id: 'fan-out', until: Date.now() + 60_000 },
          Date.now(),
        );
      }
    };
    await expect(run()).resolves.toBe('subscribed');
    expect(messenger.types('c1')).toEqual(['subscribed']);
  });

  it('forgets a connection that is gone by the time it is answered', async () => {
    const { store, messenger, run } = await world();
    messenger.gone.add('c1');
    await expect(run()).resolves.toBe('gone');
    expect(store.connections.size).toBe(0);
    expect(store.subscriptions.size).toBe(0);
  });

  it('does nothing for a connection it does not know (closed meanwhile)', async () => {
    const { store, messenger, lookups, run } = await world();
    await store.close('c1');
    await expect(run(OTHER_ORDER)).resolves.toBe('gone');
    expect(lookups).toEqual([]);
    expect(messenger.received.size).toBe(0);
  });
});
