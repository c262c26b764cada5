import { randomUUID } from 'node:crypto';
import { DynamoDbEventStore } from '../../../lambdas/orders/adapters/dynamodb-event-store';
import { placeOrderHandler } from '../../../lambdas/orders/handlers/place-order-handler';
import type { EventStore } from '../../../lambdas/orders/ports/event-store';
import { OrderRepository } from '../../../lambdas/orders/use-cases/order-repository';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { localCallbacks } from '../../helpers/callback-settings';
import { capturedLogs } from '../../helpers/captured-logs';
import { InMemoryCustomerDirectory } from '../../helpers/in-memory-customer-directory';
import { overriding } from '../../helpers/in-memory-event-store';
import { type OrdersFixture, startOrdersFixture } from './orders-fixture';

/**
 * Real Powertools idempotency on DynamoDB Local, with the event store wrapped so a test can hold the
 * first request inside its use case while a twin arrives.
 */
let fixture: OrdersFixture;
beforeAll(async () => {
  fixture = await startOrdersFixture('place-order-concurrency');
});
afterAll(() => fixture?.stop());

/** The real adapter, whose appends wait until the test opens the gate. */
function gatedEventStore(real: EventStore) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let entered: () => void = () => undefined;
  const appendStarted = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const store = overriding(real, {
    async append(id, expected, events) {
      entered();
      await gate;
      return real.append(id, expected, events);
    },
  });
  return { store, open, appendStarted };
}

function handlerWith(eventStore: EventStore) {
  return placeOrderHandler({
    callbacks: localCallbacks,
    orders: new OrderRepository(eventStore, undefined, { snapshotEvery: 0, writeSnapshots: false }),
    customers: new InMemoryCustomerDirectory([SAMPLE_ORDER.customerId]),
    idempotency: { client: fixture.db.client, tableName: fixture.idempotencyTable },
    now: () => new Date(),
    newId: randomUUID,
  });
}

const request = (key: string, correlationId?: string) =>
  apiEvent({
    method: 'POST',
    resource: '/orders',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
      ...(correlationId ? { 'X-Correlation-Id': correlationId } : {}),
    },
    body: JSON.stringify(SAMPLE_ORDER),
  });

describe('POST /orders under concurrency', () => {
  it('answers a twin that arrives while the first is in flight with 409 and Retry-After', async () => {
    const real = new DynamoDbEventStore(documentClient(fixture.db.client), fixture.eventStoreTable);
    const { store, open, appendStarted } = gatedEventStore(real);
    const handler = handlerWith(store);
    const key = `in-flight-${randomUUID()}`;

    const first = handler(request(key), lambdaContext('place-order'));
    await appendStarted; // the first request holds the idempotency record INPROGRESS now
    const twin = await handler(request(key), lambdaContext('place-order'));
    expect(twin.statusCode).toBe(409);
    expect(twin.headers).toMatchObject({ 'Retry-After': '2', 'Content-Type': 'application/problem+json' });
    expect(JSON.parse(twin.body)).toMatchObject({ type: 'https://shop.example/problems/request-in-flight' });

    open();
    const original = await first;
    expect(original.statusCode).toBe(202);
    // Once the first completes, the retry the 409 asked for gets the original answer.
    const retry = await handler(request(key), lambdaContext('place-order'));
    expect(retry.statusCode).toBe(202);
    expect(retry.body).toBe(original.body);
  });

  it('turns an infrastructure failure into a bare 500 that names nothing internal, and lets the key be retried', async () => {
    const missingTable = 'secret-internal-table-name';
    const broken = handlerWith(new DynamoDbEventStore(documentClient(fixture.db.client), missingTable));
    const key = `broken-${randomUUID()}`;
    const { result, lines } = await capturedLogs(() =>
      broken(request(key, 'corr-500'), lambdaContext('place-order')),
    );
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['X-Correlation-Id']).toBe('corr-500');
    const body = JSON.parse(result.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 500,
      type: 'https://shop.example/problems/internal-error',
      correlationId: 'corr-500',
    });
    expect(result.body).not.toMatch(/secret-internal-table-name|ResourceNotFound|arn:aws|\.ts:\d+/);
    // The details go to the log instead, every line carrying the correlation id.
    expect(lines.some((line) => JSON.stringify(line).includes('ResourceNotFound'))).toBe(true);
    for (const line of lines) expect(line.correlationId).toBe('corr-500');

    // The failed attempt released its idempotency record: the same key succeeds once the fault is gone.
    const healthy = handlerWith(
      new DynamoDbEventStore(documentClient(fixture.db.client), fixture.eventStoreTable),
    );
    expect((await healthy(request(key), lambdaContext('place-order'))).statusCode).toBe(202);
  });
});
