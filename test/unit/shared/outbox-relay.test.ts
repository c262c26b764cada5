import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { INVENTORY_EVENTS } from '../../../lambdas/inventory/contract';
import type {
  DomainEvent,
  DomainEventBus,
  PutOutcome,
} from '../../../lambdas/shared/events/domain-event-bus';
import { Outbox } from '../../../lambdas/shared/outbox/outbox';
import { readOutboxStream } from '../../../lambdas/shared/outbox/outbox-stream';
import { relayToBus } from '../../../lambdas/shared/streams/relay-to-bus';

/** A bus that takes everything and keeps it. */
class KeepingBus implements DomainEventBus {
  readonly events: DomainEvent[] = [];
  async put(events: readonly DomainEvent[]): Promise<PutOutcome> {
    this.events.push(...events);
    return events.map(() => undefined);
  }
}

const step = { correlationId: 'c-1', causationId: 'e-0', sagaStyle: 'choreography' } as const;
const outbox = new Outbox('Outbox', INVENTORY_EVENTS);
const item = (orderId: string) =>
  outbox.put(
    'InventoryReserved',
    { orderId, sagaStyle: 'choreography', lines: [{ sku: 'A', quantity: 1 }], total: 5 },
    step,
  ).Put.Item;

let sequence = 0;
const record = (image: object, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventID: `r-${++sequence}`,
  eventName,
  dynamodb: {
    SequenceNumber: String(sequence),
    NewImage: marshall(image, { removeUndefinedValues: true }) as never,
  },
});

describe("a service's outbox relay (its Outbox stream -> the bus)", () => {
  it('publishes each new item exactly as the transaction wrote it, as the service', async () => {
    const bus = new KeepingBus();
    const items = [item('o-1'), item('o-2')];
    const handler = relayToBus({ bus }, (records) => readOutboxStream(records, 'shop.inventory'));
    await expect(handler({ Records: items.map((i) => record(i)) })).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(bus.events).toEqual(
      items.map((i) => ({ source: 'shop.inventory', detailType: 'InventoryReserved', detail: i.detail })),
    );
  });

  it('reports a record that is not a well-formed item of its own source as poison, and publishes the rest', async () => {
    const bus = new KeepingBus();
    const [good, later] = [item('o-3'), item('o-5')];
    const foreign = { ...item('o-4'), source: 'shop.payments' };
    const malformed = { eventId: 'x', source: 'shop.inventory', detailType: 'InventoryReserved' };
    const records = [record(good), record(foreign), record(malformed), record(later)];
    const handler = relayToBus({ bus }, (batch) => readOutboxStream(batch, 'shop.inventory'));
    const response = await handler({ Records: records });
    // The first failure is where Lambda redelivers from; what was readable went out meanwhile.
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }],
    });
    expect(bus.events.map((e) => e.detail.metadata.eventId)).toEqual([good.eventId, later.eventId]);
    expect(bus.events.every((e) => e.source === 'shop.inventory')).toBe(true);
  });

  it('never publishes a removal (TTL clearing an item) even if one got past the filter', () => {
    const { events, unreadable } = readOutboxStream([record(item('o-6'), 'REMOVE')], 'shop.inventory');
    expect(events).toEqual([]);
    expect(unreadable).toHaveLength(1);
  });
});
