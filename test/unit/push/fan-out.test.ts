import { openConnection } from '../../../lambdas/push/use-cases/connections';
import { fanOut } from '../../../lambdas/push/use-cases/fan-out';
import {
  CUSTOMER,
  InMemoryConnectionStore,
  ORDER,
  OTHER_CUSTOMER,
  OTHER_ORDER,
  orderView,
  RecordingMessenger,
} from '../../helpers/in-memory-push';

/** Connections c1 and c2 of CUSTOMER subscribed to ORDER, c3 to OTHER_ORDER. */
async function world() {
  const store = new InMemoryConnectionStore();
  const messenger = new RecordingMessenger();
  for (const [connectionId, orderId] of [
    ['c1', ORDER],
    ['c2', ORDER],
    ['c3', OTHER_ORDER],
  ] as const) {
    await openConnection(store, connectionId, CUSTOMER);
    const connection = await store.connection(connectionId);
    if (connection) await store.subscribe(connection, orderId);
  }
  return { store, messenger, deps: { store, messenger, sleep: async () => undefined } };
}
const other = (version: number) => orderView(version, { orderId: OTHER_ORDER });

describe('fanning out the read model’s changes', () => {
  it('sends every version of an order, in order, to each connection watching it and to no other', async () => {
    const { messenger, deps } = await world();
    const result = await fanOut(deps, [orderView(1), other(1), orderView(2)]);
    expect(result).toMatchObject({ failed: [], errors: [], sent: 5 });
    expect(messenger.versions('c1')).toEqual([1, 2]);
    expect(messenger.versions('c2')).toEqual([1, 2]);
    expect(messenger.received.get('c3')).toEqual([{ type: 'order.updated', data: other(1) }]);
  });

  it('sends nothing for duplicate or older records, whether in one batch or redelivered', async () => {
    const { messenger, deps } = await world();
    await fanOut(deps, [orderView(1), orderView(2), orderView(2), orderView(1)]);
    await fanOut(deps, [orderView(1), orderView(2)]);
    expect(messenger.versions('c1')).toEqual([1, 2]);
  });

  it('forgets a gone connection and goes on with the others', async () => {
    const { store, messenger, deps } = await world();
    messenger.gone.add('c1');
    const result = await fanOut(deps, [orderView(1)]);
    expect(result.failed).toEqual([]);
    expect(store.connections.has('c1')).toBe(false);
    expect(store.state(ORDER, 'c1')).toBeUndefined();
    expect(messenger.versions('c2')).toEqual([1]);
  });

  it('stops an order at a version that fails halfway: it and the later ones come again, the rest is not posted twice', async () => {
    const { messenger, deps } = await world();
    const batch = [orderView(1), other(1), orderView(2), orderView(3)];
    // c2's post of version 2 fails once (a throttle); c1 got it, OTHER_ORDER is unaffected.
    let posts = 0;
    messenger.duringSend = async (connectionId, message) => {
      if (
        connectionId === 'c2' &&
        message.type === 'order.updated' &&
        message.data.version === 2 &&
        posts++ === 0
      ) {
        messenger.failNext.add('c2');
      }
    };
    const first = await fanOut(deps, batch);
    expect(first.failed).toEqual([orderView(2)]);
    expect(first.errors).toEqual([{ orderId: ORDER, version: 2, error: expect.any(Error) }]);
    expect(messenger.versions('c1')).toEqual([1, 2]);
    expect(messenger.versions('c2')).toEqual([1]);
    expect(messenger.versions('c3')).toEqual([1]);

    // The mapping redelivers from the failed record on: each connection gets what it lacks, once.
    const retry = await fanOut(deps, batch.slice(2));
    expect(retry.failed).toEqual([]);
    expect(messenger.versions('c1')).toEqual([1, 2, 3]);
    expect(messenger.versions('c2')).toEqual([1, 2, 3]);
    expect(messenger.versions('c3')).toEqual([1]);
  });

  it('reports an order whose subscribers cannot be read, from its first version on', async () => {
    const { store, messenger, deps } = await world();
    store.subscribers = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    const result = await fanOut(deps, [orderView(1), orderView(2)]);
    expect(result.failed).toEqual([orderView(1)]);
    expect(messenger.received.size).toBe(0);
  });

  it('reports a version whose subscription stays busy beyond the wait, for the mapping to retry', async () => {
    const { store, messenger, deps } = await world();
    await store.claim(
      { orderId: ORDER, connectionId: 'c1' },
      1,
      { id: 'stuck', until: Date.now() + 60_000 },
      Date.now(),
    );
    const result = await fanOut(deps, [orderView(1)]);
    expect(result.failed).toEqual([orderView(1)]);
    expect(messenger.versions('c2')).toEqual([1]);
  });

  it('never sends an order to a subscription of another customer', async () => {
    const { store, messenger, deps } = await world();
    await openConnection(store, 'intruder', OTHER_CUSTOMER);
    const intruder = await store.connection('intruder');
    if (intruder) await store.subscribe(intruder, ORDER);
    await fanOut(deps, [orderView(1)]);
    expect(messenger.received.get('intruder')).toBeUndefined();
    expect(messenger.versions('c1')).toEqual([1]);
  });
});
