import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { publishOrderEventsHandler } from '../../../lambdas/orders/handlers/publish-order-events-handler';
import type { StoredEvent } from '../../../lambdas/orders/ports/event-store';
import { toDomainEvent } from '../../../lambdas/orders/use-cases/publish-order-events';
import type {
  DomainEvent,
  DomainEventBus,
  PutOutcome,
} from '../../../lambdas/shared/events/domain-event-bus';
import { publishInBatches } from '../../../lambdas/shared/events/publish-in-batches';
import type { Backoff } from '../../../lambdas/shared/resilience/backoff';

const event = (n: number): StoredEvent => ({
  aggregateId: `o-${Math.floor(n / 3)}`,
  version: (n % 3) + 1,
  type: 'OrderNoteAdded',
  data: { author: 'a', note: `n${n}` },
  metadata: {
    eventId: `e-${n}`,
    correlationId: `c-${n}`,
    causationId: 'x',
    schemaVersion: 1,
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
});

/** A bus that refuses the entries its script names, per request, and records every request. */
class ScriptedBus implements DomainEventBus {
  readonly requests: string[][] = [];
  constructor(
    private readonly refuse: (eventId: string, request: number) => string | undefined = () => undefined,
  ) {}
  async put(events: readonly DomainEvent[]): Promise<PutOutcome> {
    const request = this.requests.push(events.map((e) => e.detail.metadata.eventId)) - 1;
    return events.map((e) => this.refuse(e.detail.metadata.eventId, request));
  }
  get published(): string[] {
    return this.requests.flat();
  }
}

const noWait: Backoff = {
  maxAttempts: 3,
  baseDelayMs: 50,
  maxDelayMs: 1000,
  sleep: async () => undefined,
  random: () => 0,
};

describe('publishInBatches', () => {
  it('puts events in order, at most ten per request', async () => {
    const bus = new ScriptedBus();
    const events = Array.from({ length: 23 }, (_, n) => toDomainEvent(event(n)));
    const result = await publishInBatches(bus, events, noWait);
    expect(result).toEqual({ failed: [], requests: 3 });
    expect(bus.requests.map((r) => r.length)).toEqual([10, 10, 3]);
    expect(bus.published).toEqual(events.map((e) => e.detail.metadata.eventId));
  });

  it('retries only the entries a partial failure refused', async () => {
    const bus = new ScriptedBus((id, request) =>
      request === 0 && (id === 'e-2' || id === 'e-5') ? 'ThrottlingException' : undefined,
    );
    const result = await publishInBatches(
      bus,
      [0, 1, 2, 3, 4, 5].map((n) => toDomainEvent(event(n))),
      noWait,
    );
    expect(result).toEqual({ failed: [], requests: 2 });
    expect(bus.requests[1]).toEqual(['e-2', 'e-5']);
  });

  it('gives up on an entry after maxAttempts with backoff, and still publishes everything after it', async () => {
    const bus = new ScriptedBus((id) => (id === 'e-12' ? 'InternalFailure' : undefined));
    const sleeps: number[] = [];
    const result = await publishInBatches(
      bus,
      Array.from({ length: 25 }, (_, n) => toDomainEvent(event(n))),
      { ...noWait, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toEqual({ failed: [12], errorCode: 'InternalFailure', requests: 5 });
    expect(bus.requests.slice(2, 4)).toEqual([['e-12'], ['e-12']]);
    expect(new Set(bus.published)).toEqual(new Set(Array.from({ length: 25 }, (_, n) => `e-${n}`)));
    expect(sleeps).toEqual([50, 100]);
  });

  it('treats a request that throws as refusing all its entries', async () => {
    let calls = 0;
    const bus: DomainEventBus = {
      put: async (events) => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        return events.map(() => undefined);
      },
    };
    await expect(publishInBatches(bus, [toDomainEvent(event(0))], noWait)).resolves.toEqual({
      failed: [],
      requests: 2,
    });
  });
});

describe('the orders publisher', () => {
  const record = (
    stored: StoredEvent | Record<string, unknown>,
    sequence: number,
    eventName = 'INSERT',
  ): DynamoDBRecord => ({
    eventID: `r-${sequence}`,
    eventName: eventName as DynamoDBRecord['eventName'],
    dynamodb: {
      SequenceNumber: String(1000 + sequence),
      NewImage: marshall(stored, { removeUndefinedValues: true }) as never,
    },
  });

  it('puts each stored event on the bus as a shop.orders domain event with the envelope from DESIGN.md, naming its order and version', async () => {
    const bus = new ScriptedBus();
    const puts: DomainEvent[] = [];
    const recording: DomainEventBus = {
      put: async (events) => {
        puts.push(...events);
        return bus.put(events);
      },
    };
    const handler = publishOrderEventsHandler({ bus: recording, retry: noWait });
    const result = await handler({ Records: [record(event(0), 0), record(event(1), 1)] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(puts[0]).toEqual({
      source: 'shop.orders',
      detailType: 'OrderNoteAdded',
      // The order it is about and the version it brought the order to: consumers need both.
      detail: { metadata: { ...event(0).metadata, streamId: 'o-0', streamVersion: 1 }, data: event(0).data },
    });
  });

  it('reports the first record it could not publish, so Lambda redelivers from there', async () => {
    const bus = new ScriptedBus((id) => (id === 'e-1' ? 'InternalFailure' : undefined));
    const handler = publishOrderEventsHandler({ bus, retry: noWait });
    const result = await handler({ Records: [0, 1, 2].map((n) => record(event(n), n)) });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
  });

  it('publishes every readable record and reports the unreadable one (poison goes to the DLQ after the retries)', async () => {
    const bus = new ScriptedBus();
    const handler = publishOrderEventsHandler({ bus, retry: noWait });
    const result = await handler({
      Records: [
        record(event(0), 0),
        record({ aggregateId: 'o-x', version: 'not-a-number' }, 1),
        record(event(2), 2),
      ],
    });
    expect(bus.published).toEqual(['e-0', 'e-2']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
  });
});
