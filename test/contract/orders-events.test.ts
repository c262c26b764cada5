import { randomUUID } from 'node:crypto';
import { currentSchemaVersion, ORDERS_EVENT_SOURCE } from '../../lambdas/orders/contract';
import { decide, evolve, type Order, type OrderCommand } from '../../lambdas/orders/domain/order';
import { toOrderEvent, toStoredEvents } from '../../lambdas/orders/use-cases/order-stream';
import { toDomainEvent } from '../../lambdas/orders/use-cases/publish-order-events';
import { sagaInputFrom } from '../../lambdas/saga/schemas/saga-input';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { catalogueValidator, committedDocument } from './catalogue';

const validate = catalogueValidator();

/** Runs commands through the aggregate as the use cases do, and publishes what they decide. */
function published(commands: readonly OrderCommand[]) {
  let state: Order | undefined;
  let version = 0;
  const events = [];
  for (const command of commands) {
    const stored = toStoredEvents('3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87', version, decide(state, command), {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      newEventId: randomUUID,
    });
    for (const event of stored) {
      state = evolve(state, toOrderEvent(event));
      version = event.version;
      events.push(toDomainEvent(event));
    }
  }
  return events;
}

describe('the orders service as a producer', () => {
  const place: OrderCommand = {
    type: 'PlaceOrder',
    orderId: '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87',
    ...SAMPLE_ORDER,
  };

  it.each([
    [
      'placed, noted, confirmed, cancelled',
      [
        place,
        { type: 'AddNote', author: 'support', note: 'Gift wrap.' },
        { type: 'ConfirmOrder', total: 25 },
        { type: 'CancelOrder', reason: 'customer asked' },
      ],
    ],
    ['placed, rejected', [place, { type: 'RejectOrder', reason: 'PAYMENT_DECLINED' }]],
  ] as Array<[string, OrderCommand[]]>)(
    'publishes events valid against the catalogue (%s)',
    (_, commands) => {
      const events = published(commands);
      expect(events.length).toBe(commands.length);
      for (const event of events) {
        expect(event.source).toBe(ORDERS_EVENT_SOURCE);
        const version = currentSchemaVersion(event.detailType as never);
        const document = committedDocument(event.source, event.detailType, version);
        expect({ [event.detailType]: validate(document, event.detail) }).toEqual({ [event.detailType]: [] });
      }
    },
  );
});

describe('the saga as a consumer of OrderPlaced', () => {
  it.each([1, 2])(
    'starts from the catalogue example of v%i, the current version and the one before',
    (version) => {
      const { examples } = committedDocument(ORDERS_EVENT_SOURCE, 'OrderPlaced', version);
      const detail = examples[0] as { data: { orderId: string } };
      const input = sagaInputFrom(detail);
      expect(input.orderId).toBe(detail.data.orderId);
      // v1 orders were all placed in euros: the upcaster says so.
      expect(input.currency).toBe(version === 1 ? 'EUR' : 'GBP');
    },
  );
});
