import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { documentClient } from '../../../lambdas/shared/aws/clients';
import { DynamoDbBreakerStore } from '../../../lambdas/shared/aws/dynamodb-breaker-store';
import { CircuitBreaker, CircuitOpenError } from '../../../lambdas/shared/resilience/circuit-breaker';
import type { BreakerSettings } from '../../../lambdas/shared/resilience/circuit-breaker-state';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../helpers/dynamodb-local';

/**
 * The breaker's shared state on DynamoDB Local: many breakers (one per "instance", as many warm Lambda
 * environments have) on one item, racing for real.
 */
let db: DynamoDbLocal;
const TABLE = 'circuit-breakers';
const SETTINGS: BreakerSettings = {
  threshold: { kind: 'count', failures: 3 },
  windowMs: 60_000,
  openMs: 1_000,
  probeTimeoutMs: 10_000,
};

beforeAll(async () => {
  db = await startDynamoDbLocal();
  await db.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }),
  );
});
afterAll(() => db?.stop());

class Unavailable extends Error {}

describe('CircuitBreaker on DynamoDB Local', () => {
  let run = 0;

  it('opens for every instance at once, and after the timeout exactly one instance probes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 16 }), fc.boolean(), async (instances, recovers) => {
        const name = `provider-${++run}`;
        let now = 5_000_000;
        const store = new DynamoDbBreakerStore(documentClient(db.client), TABLE);
        const fleet = Array.from(
          { length: instances },
          () => new CircuitBreaker({ name, settings: SETTINGS, store, now: () => now }),
        );
        // Three failures, seen by three different instances, open the circuit for all of them.
        for (let n = 0; n < 3; n++) {
          await fleet[n % instances]
            ?.call(async () => Promise.reject(new Unavailable()))
            .catch(() => undefined);
        }
        let calledWhileOpen = 0;
        const open = await Promise.allSettled(fleet.map((b) => b.call(async () => ++calledWhileOpen)));
        expect(calledWhileOpen).toBe(0);
        expect(open.every((r) => r.status === 'rejected' && r.reason instanceof CircuitOpenError)).toBe(true);

        now += SETTINGS.openMs;
        let probes = 0;
        const afterTimeout = await Promise.allSettled(
          fleet.map((b) =>
            b.call(async () => {
              probes++;
              await new Promise((resolve) => setTimeout(resolve, 20));
              if (!recovers) throw new Unavailable();
              return 'ok';
            }),
          ),
        );
        expect(probes).toBe(1);
        expect(
          afterTimeout.filter((r) => r.status === 'rejected' && r.reason instanceof CircuitOpenError),
        ).toHaveLength(instances - 1);
        expect((await store.read(name))?.status).toBe(recovers ? 'CLOSED' : 'OPEN');
      }),
      { numRuns: 15 },
    );
  });

  it('counts failures from concurrent instances without losing any', async () => {
    const name = 'provider-counting';
    const store = new DynamoDbBreakerStore(documentClient(db.client), TABLE);
    const settings: BreakerSettings = { ...SETTINGS, threshold: { kind: 'count', failures: 8 } };
    const fleet = Array.from(
      { length: 7 },
      () => new CircuitBreaker({ name, settings, store, now: () => 1_000 }),
    );
    await Promise.allSettled(fleet.map((b) => b.call(async () => Promise.reject(new Unavailable()))));
    expect(await store.read(name)).toMatchObject({ status: 'CLOSED', failures: 7 });
    await fleet[0]?.call(async () => Promise.reject(new Unavailable())).catch(() => undefined);
    expect(await store.read(name)).toMatchObject({ status: 'OPEN', failures: 8 });
  });
});
