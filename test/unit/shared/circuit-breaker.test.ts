import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import fc from 'fast-check';
import { powertoolsBreakerObserver } from '../../../lambdas/shared/resilience/breaker-observer';
import { CircuitBreaker, CircuitOpenError } from '../../../lambdas/shared/resilience/circuit-breaker';
import type {
  BreakerSettings,
  BreakerStatus,
} from '../../../lambdas/shared/resilience/circuit-breaker-state';
import { capturedLogs } from '../../helpers/captured-logs';
import { InMemoryBreakerStore } from '../../helpers/in-memory-breaker-store';

const COUNT: BreakerSettings = {
  threshold: { kind: 'count', failures: 3 },
  windowMs: 10_000,
  openMs: 5_000,
  probeTimeoutMs: 2_000,
};
const RATE: BreakerSettings = { ...COUNT, threshold: { kind: 'rate', rate: 0.5, minimumCalls: 4 } };

class Unavailable extends Error {}
class Declined extends Error {}

function breakerWith(settings: BreakerSettings) {
  let now = 1_000_000;
  const store = new InMemoryBreakerStore();
  const transitions: string[] = [];
  const rejections: BreakerStatus[] = [];
  const breaker = new CircuitBreaker({
    name: 'provider',
    settings,
    store,
    now: () => now,
    observer: {
      transition: (_, from, to) => transitions.push(`${from}->${to}`),
      rejected: (_, status) => rejections.push(status),
    },
  });
  return {
    breaker,
    store,
    transitions,
    rejections,
    advance: (ms: number) => {
      now += ms;
    },
    at: () => now,
  };
}

/**
 * The reference model, written independently of the implementation: what the breaker must do for a
 * sequence of calls one after another. It says whether the dependency is called and the state after.
 */
class Model {
  status: BreakerStatus = 'CLOSED';
  windowStart = 0;
  calls = 0;
  failures = 0;
  openedAt = 0;

  constructor(private readonly settings: BreakerSettings) {}

  /** Returns whether the call reaches the dependency. */
  call(now: number, fails: boolean): boolean {
    if (this.status === 'OPEN') {
      if (now < this.openedAt + this.settings.openMs) return false;
      // The probe.
      if (fails) this.open(now);
      else this.close(now);
      return true;
    }
    const { threshold } = this.settings;
    // Counting only failures: a success is not counted, and does not start a window either.
    if (threshold.kind === 'count' && !fails) return true;
    if (now - this.windowStart >= this.settings.windowMs) {
      this.windowStart = now;
      this.calls = 0;
      this.failures = 0;
    }
    this.calls++;
    if (fails) this.failures++;
    const trips =
      threshold.kind === 'count'
        ? this.failures >= threshold.failures
        : this.calls >= threshold.minimumCalls && this.failures / this.calls >= threshold.rate;
    if (trips) this.open(now);
    return true;
  }

  private open(now: number) {
    this.status = 'OPEN';
    this.openedAt = now;
  }

  private close(now: number) {
    this.status = 'CLOSED';
    this.windowStart = now;
    this.calls = 0;
    this.failures = 0;
  }
}

const step = fc.record({
  waitMs: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 3_000 }),
    fc.integer({ min: 4_000, max: 12_000 }),
  ),
  fails: fc.boolean(),
});

describe('CircuitBreaker (shared state, fake clock)', () => {
  it.each([
    ['a count threshold', COUNT],
    ['a rate threshold', RATE],
  ])('follows the model for any sequence of outcomes and times, with %s (property)', async (_, settings) => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const { breaker, store, advance, at } = breakerWith(settings);
        const model = new Model(settings);
        for (const { waitMs, fails } of steps) {
          advance(waitMs);
          let called = false;
          const expectedCall = model.call(at(), fails);
          const attempt = breaker.call(async () => {
            called = true;
            if (fails) throw new Unavailable('down');
            return 'ok';
          });
          if (!expectedCall) await expect(attempt).rejects.toBeInstanceOf(CircuitOpenError);
          else if (fails) await expect(attempt).rejects.toBeInstanceOf(Unavailable);
          else await expect(attempt).resolves.toBe('ok');
          expect(called).toBe(expectedCall);
          expect(store.states.get('provider')?.status ?? 'CLOSED').toBe(model.status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lets exactly one of many concurrent callers probe after the open timeout, others fail fast (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 25 }), fc.boolean(), async (callers, probeSucceeds) => {
        const { breaker, advance, store } = breakerWith(COUNT);
        for (let n = 0; n < 3; n++)
          await breaker.call(async () => Promise.reject(new Unavailable())).catch(() => {});
        expect(store.states.get('provider')?.status).toBe('OPEN');
        advance(COUNT.openMs);
        let inFlight = 0;
        let maxInFlight = 0;
        let invoked = 0;
        const results = await Promise.allSettled(
          Array.from({ length: callers }, () =>
            breaker.call(async () => {
              invoked++;
              inFlight++;
              maxInFlight = Math.max(maxInFlight, inFlight);
              await new Promise((resolve) => setTimeout(resolve, 5));
              inFlight--;
              if (!probeSucceeds) throw new Unavailable();
              return 'ok';
            }),
          ),
        );
        expect(invoked).toBe(1);
        expect(maxInFlight).toBe(1);
        const rejected = results.filter(
          (r) => r.status === 'rejected' && r.reason instanceof CircuitOpenError,
        );
        expect(rejected).toHaveLength(callers - 1);
        expect(store.states.get('provider')?.status).toBe(probeSucceeds ? 'CLOSED' : 'OPEN');
      }),
      { numRuns: 50 },
    );
  });

  it('does not count business errors: a declined payment is the dependency working', async () => {
    const { breaker, store } = breakerWith(COUNT);
    const isFailure = (error: unknown) => !(error instanceof Declined);
    for (let n = 0; n < 10; n++) {
      await expect(
        breaker.call(async () => Promise.reject(new Declined()), { isFailure }),
      ).rejects.toBeInstanceOf(Declined);
    }
    expect(store.states.get('provider')?.status ?? 'CLOSED').toBe('CLOSED');
  });

  it('reports every transition and rejection, and answers from the fallback while open', async () => {
    const { breaker, transitions, rejections, advance } = breakerWith(COUNT);
    for (let n = 0; n < 3; n++)
      await breaker.call(async () => Promise.reject(new Unavailable())).catch(() => {});
    await expect(
      breaker.call(async () => 'never', { fallback: (e) => `fallback after ${e.status}` }),
    ).resolves.toBe('fallback after OPEN');
    advance(COUNT.openMs);
    await breaker.call(async () => 'ok');
    expect(transitions).toEqual(['CLOSED->OPEN', 'OPEN->HALF_OPEN', 'HALF_OPEN->CLOSED']);
    expect(rejections).toEqual(['OPEN']);
  });

  it('hands the probe to another caller when its holder never reports', async () => {
    const { breaker, advance, store } = breakerWith(COUNT);
    for (let n = 0; n < 3; n++)
      await breaker.call(async () => Promise.reject(new Unavailable())).catch(() => {});
    advance(COUNT.openMs);
    // The probe hangs (its function timed out, its instance died): nobody else may call meanwhile...
    void breaker.call(() => new Promise(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.states.get('provider')?.status).toBe('HALF_OPEN');
    await expect(breaker.call(async () => 'early')).rejects.toMatchObject({ status: 'HALF_OPEN' });
    // ...until its lease runs out.
    advance(COUNT.probeTimeoutMs);
    await expect(breaker.call(async () => 'second probe')).resolves.toBe('second probe');
    expect(store.states.get('provider')?.status).toBe('CLOSED');
  });

  it('says when to retry', async () => {
    const { breaker, advance } = breakerWith(COUNT);
    for (let n = 0; n < 3; n++)
      await breaker.call(async () => Promise.reject(new Unavailable())).catch(() => {});
    advance(1_500);
    await expect(breaker.call(async () => 'x')).rejects.toMatchObject({
      retryAfterMs: 3_500,
      status: 'OPEN',
    });
  });
});

describe('CircuitBreaker trusting a closed state for a while (closedStateTtlMs)', () => {
  function twoInstances(ttlMs: number) {
    let now = 1_000_000;
    const store = new InMemoryBreakerStore();
    let reads = 0;
    const counting = Object.assign(Object.create(store) as InMemoryBreakerStore, {
      read: (name: string) => {
        reads += 1;
        return store.read(name);
      },
    });
    const options = { name: 'orders', settings: COUNT, now: () => now };
    return {
      cached: new CircuitBreaker({ ...options, store: counting, closedStateTtlMs: ttlMs }),
      other: new CircuitBreaker({ ...options, store }),
      reads: () => reads,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }
  const ok = async () => 'ok';
  const down = async () => {
    throw new Unavailable('down');
  };

  it('reads a closed state once per ttl, not once per call', async () => {
    const { cached, reads, advance } = twoInstances(1_000);
    for (let n = 0; n < 5; n++) await cached.call(ok);
    expect(reads()).toBe(1);
    advance(1_000);
    await cached.call(ok);
    expect(reads()).toBe(2);
  });

  it('sees a circuit another instance opened within the ttl, and fails fast from then on', async () => {
    const { cached, other, advance } = twoInstances(1_000);
    await cached.call(ok);
    for (let n = 0; n < 3; n++) await other.call(down).catch(() => undefined);
    // Still trusting its closed state: it calls through (and its outcome is recorded as usual).
    await expect(cached.call(ok)).resolves.toBe('ok');
    advance(1_000);
    await expect(cached.call(ok)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('never trusts a state after a failure of its own: the next call reads', async () => {
    const { cached, reads } = twoInstances(60_000);
    await cached.call(ok);
    await cached.call(down).catch(() => undefined);
    await cached.call(ok);
    expect(reads()).toBe(2);
  });

  it('opens on its own failures exactly as without the ttl (the count threshold)', async () => {
    const { cached } = twoInstances(60_000);
    for (let n = 0; n < 3; n++) await cached.call(down).catch(() => undefined);
    await expect(cached.call(ok)).rejects.toBeInstanceOf(CircuitOpenError);
  });
});

describe('powertoolsBreakerObserver', () => {
  it('logs each transition and writes it as an EMF metric with the breaker and the new state', async () => {
    const { lines } = await capturedLogs(async () => {
      const metrics = new Metrics({ namespace: 'shop', serviceName: 'payments' });
      const logger = new Logger({ serviceName: 'payments' });
      const observer = powertoolsBreakerObserver(metrics, logger);
      observer.transition('payment-provider', 'CLOSED', 'OPEN');
      observer.rejected('payment-provider', 'OPEN');
    });
    const emf = lines.filter((line) => '_aws' in line);
    expect(emf).toEqual([
      expect.objectContaining({ breaker: 'payment-provider', to: 'OPEN', CircuitBreakerTransition: 1 }),
      expect.objectContaining({ breaker: 'payment-provider', CircuitBreakerRejected: 1 }),
    ]);
    expect(JSON.stringify(emf[0])).toContain('"Namespace":"shop"');
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'circuit breaker transition',
        breaker: 'payment-provider',
        from: 'CLOSED',
        to: 'OPEN',
      }),
    );
  });
});
