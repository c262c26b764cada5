import fc from 'fast-check';
import { type DeliveryState, deliveryDecision } from '../../../lambdas/push/domain/delivery';
import { deliver } from '../../../lambdas/push/use-cases/deliver';
import { fanOut } from '../../../lambdas/push/use-cases/fan-out';
import {
  CUSTOMER,
  InMemoryConnectionStore,
  ORDER,
  orderView,
  RecordingMessenger,
} from '../../helpers/in-memory-push';

describe('version order per connection (the pure decision)', () => {
  const NOW = 1_000_000;
  it.each<[string, DeliveryState | undefined, number, ReturnType<typeof deliveryDecision>]>([
    ['a first version', { sentVersion: 0 }, 1, 'send'],
    ['the next version', { sentVersion: 1 }, 2, 'send'],
    ['a version that skips ahead (a coalesced write)', { sentVersion: 1 }, 4, 'send'],
    ['the version already delivered (a duplicate)', { sentVersion: 2 }, 2, 'already-sent'],
    ['an older version (a record that comes late)', { sentVersion: 3 }, 2, 'already-sent'],
    [
      'a newer version while another sender posts',
      { sentVersion: 1, lease: { id: 'l', until: NOW + 1 } },
      2,
      'busy',
    ],
    [
      'a newer version once that lease has run out',
      { sentVersion: 1, lease: { id: 'l', until: NOW } },
      2,
      'send',
    ],
    [
      'an older version, leased or not',
      { sentVersion: 3, lease: { id: 'l', until: NOW + 1 } },
      3,
      'already-sent',
    ],
    ['no subscription', undefined, 1, 'unsubscribed'],
  ])('%s', (_, state, version, expected) => {
    expect(deliveryDecision(state, version, NOW)).toBe(expected);
  });
});

async function subscribedConnection() {
  const store = new InMemoryConnectionStore();
  const messenger = new RecordingMessenger();
  await store.open({ connectionId: 'c1', customerId: CUSTOMER, connectedAt: '', expiresAt: 0, orderIds: [] });
  const connection = await store.connection('c1');
  if (connection === undefined) throw new Error('not opened');
  await store.subscribe(connection, ORDER);
  return { store, messenger, deps: { store, messenger, sleep: async () => undefined } };
}

describe('delivering one version', () => {
  const key = { orderId: ORDER, connectionId: 'c1' };

  it('posts it, records it and gives the lease back', async () => {
    const { store, messenger, deps } = await subscribedConnection();
    await expect(deliver(deps, key, orderView(1), { waitWhileBusy: false })).resolves.toBe('sent');
    expect(messenger.received.get('c1')).toEqual([{ type: 'order.updated', data: orderView(1) }]);
    expect(store.state(ORDER, 'c1')).toEqual(expect.objectContaining({ sentVersion: 1 }));
    expect(store.state(ORDER, 'c1')?.lease).toBeUndefined();
  });

  it('keeps the version to send when the post fails: the lease is given back, nothing recorded, a retry posts it', async () => {
    const { store, messenger, deps } = await subscribedConnection();
    messenger.failNext.add('c1');
    await expect(deliver(deps, key, orderView(1), { waitWhileBusy: false })).rejects.toThrow();
    expect(store.state(ORDER, 'c1')).toEqual(expect.objectContaining({ sentVersion: 0 }));
    expect(store.state(ORDER, 'c1')?.lease).toBeUndefined();
    await expect(deliver(deps, key, orderView(1), { waitWhileBusy: false })).resolves.toBe('sent');
    expect(messenger.versions('c1')).toEqual([1]);
  });

  it('forgets a gone connection and everything it subscribed to', async () => {
    const { store, messenger, deps } = await subscribedConnection();
    messenger.gone.add('c1');
    await expect(deliver(deps, key, orderView(1), { waitWhileBusy: false })).resolves.toBe('gone');
    expect(store.connections.has('c1')).toBe(false);
    expect(store.state(ORDER, 'c1')).toBeUndefined();
  });

  it('waits for another sender’s lease when asked to, then posts only what is newer; without waiting it is busy at once', async () => {
    const { store, messenger, deps } = await subscribedConnection();
    await store.claim(key, 2, { id: 'other', until: Date.now() + 60_000 }, Date.now());
    let waits = 0;
    const sleep = async () => {
      if (++waits === 2) await store.delivered(key, 2, 'other');
    };
    await expect(deliver({ ...deps, sleep }, key, orderView(3), { waitWhileBusy: true })).resolves.toBe(
      'sent',
    );
    expect(waits).toBe(2);
    expect(messenger.versions('c1')).toEqual([3]);
    await store.claim(key, 4, { id: 'other', until: Date.now() + 60_000 }, Date.now());
    await expect(deliver(deps, key, orderView(4), { waitWhileBusy: false })).resolves.toBe('busy');
    expect(messenger.versions('c1')).toEqual([3]);
  });

  it('gives up on a lease held past its wait: busy, for the caller to retry', async () => {
    const { store, deps } = await subscribedConnection();
    await store.claim(key, 2, { id: 'stuck', until: Date.now() + 60_000 }, Date.now());
    let waits = 0;
    const sleep = async () => void waits++;
    await expect(deliver({ ...deps, sleep }, key, orderView(2), { waitWhileBusy: true })).resolves.toBe(
      'busy',
    );
    expect(waits).toBeGreaterThan(3);
  });
});

describe('version order under any delivery (property)', () => {
  it('a connection never receives a version at or below one it already received, whatever the order, duplicates and the two senders', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('batch' as const),
        versions: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 5 }),
      }),
      fc.record({ kind: fc.constant('snapshot' as const), version: fc.integer({ min: 1, max: 8 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const { messenger, deps } = await subscribedConnection();
        // Both senders side by side, as the subscribe request and the stream fan-out run.
        await Promise.all(
          steps.map((s) =>
            s.kind === 'batch'
              ? fanOut(
                  deps,
                  s.versions.map((v) => orderView(v)),
                )
              : deliver(deps, { orderId: ORDER, connectionId: 'c1' }, orderView(s.version), {
                  waitWhileBusy: false,
                }),
          ),
        );
        const received = messenger.versions('c1');
        for (let i = 1; i < received.length; i++) expect(received[i]).toBeGreaterThan(received[i - 1] ?? 0);
      }),
    );
  });
});
