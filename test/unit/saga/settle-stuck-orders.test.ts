import {
  type ExecutionStatus,
  type SagaSteps,
  type SettlingStep,
  StepFailed,
  type SweeperStep,
} from '../../../lambdas/saga/ports/stuck-orders';
import { settleStuckOrders } from '../../../lambdas/saga/use-cases/settle-stuck-orders';

/**
 * The sweeper's decisions on in-memory ports: which orders it leaves, in which order it settles the others,
 * and what a failed step means. The same use case on the real adapters and steps is in
 * test/workflow/settle-stuck-orders.test.ts.
 */
interface Stuck {
  readonly execution: ExecutionStatus;
  /** What the order's own events say (the read model may lag behind). */
  readonly status?: string;
  /** This step fails for this order, with this error type. */
  readonly failing?: { step: SweeperStep; errorType: string };
}

function sweeperOver(orders: Record<string, Stuck>, settings = { limit: 20, pendingForMs: 60_000 }) {
  const calls: string[] = [];
  const asked: string[] = [];
  const fail = (orderId: string, step: SweeperStep) => {
    const failing = orders[orderId]?.failing;
    if (failing?.step === step) throw new StepFailed(step, failing.errorType, 'injected');
  };
  const steps: SagaSteps = {
    async run(step: SettlingStep, input) {
      const orderId = String(input.orderId);
      calls.push(`${orderId} ${step}${input.reason ? ` ${input.reason}` : ''}`);
      fail(orderId, step);
    },
    async loadOrderStatus(input) {
      const orderId = String(input.orderId);
      calls.push(`${orderId} LoadOrderStatus`);
      fail(orderId, 'LoadOrderStatus');
      return orders[orderId]?.status ?? 'PENDING';
    },
  };
  const deps = {
    pending: {
      async *pendingSince(before: string) {
        asked.push(before);
        yield* Object.keys(orders);
      },
    },
    executions: { statusOf: async (orderId: string) => orders[orderId]?.execution ?? 'NOT_STARTED' },
    steps,
    now: () => new Date('2026-12-04T10:00:00.000Z'),
  };
  return { sweep: () => settleStuckOrders(deps, settings), calls, asked };
}

const SETTLED_AFTER_ITS_SAGA = (orderId: string) => [
  `${orderId} LoadOrderStatus`,
  `${orderId} CancelShipment`,
  `${orderId} RefundPayment`,
  `${orderId} ReleaseInventory`,
  `${orderId} RejectOrder DEADLINE_EXCEEDED`,
];

describe('settling stuck orders', () => {
  it('asks for orders PENDING for longer than pendingFor', async () => {
    const { sweep, asked } = sweeperOver({});
    expect(await sweep()).toEqual({ settled: [], left: [], failed: [] });
    expect(asked).toEqual(['2026-12-04T09:59:00.000Z']);
  });

  it.each(['FAILED', 'TIMED_OUT', 'ABORTED'] as const)(
    'settles an order whose execution %s: every compensation in reverse order, then RejectOrder DEADLINE_EXCEEDED',
    async (execution) => {
      const { sweep, calls } = sweeperOver({ o1: { execution } });
      expect(await sweep()).toEqual({ settled: ['o1'], left: [], failed: [] });
      expect(calls).toEqual(SETTLED_AFTER_ITS_SAGA('o1'));
    },
  );

  it('decides an order whose saga never started first, so that a late saga finds it decided', async () => {
    const { sweep, calls } = sweeperOver({ o1: { execution: 'NOT_STARTED' } });
    expect(await sweep()).toEqual({ settled: ['o1'], left: [], failed: [] });
    expect(calls).toEqual([
      'o1 LoadOrderStatus',
      'o1 RejectOrder DEADLINE_EXCEEDED',
      'o1 CancelShipment',
      'o1 RefundPayment',
      'o1 ReleaseInventory',
    ]);
  });

  it('leaves an order whose execution runs or succeeded, and one its own events say is decided', async () => {
    const { sweep, calls } = sweeperOver({
      running: { execution: 'RUNNING' },
      succeeded: { execution: 'SUCCEEDED' },
      confirmed: { execution: 'FAILED', status: 'CONFIRMED' },
    });
    expect(await sweep()).toEqual({ settled: [], left: ['running', 'succeeded', 'confirmed'], failed: [] });
    expect(calls).toEqual(['confirmed LoadOrderStatus']);
  });

  it('leaves PENDING an order whose compensation fails (the next sweep tries again), and goes on with the others', async () => {
    const { sweep, calls } = sweeperOver({
      o1: { execution: 'FAILED', failing: { step: 'RefundPayment', errorType: 'PaymentUnavailable' } },
      o2: { execution: 'ABORTED' },
    });
    expect(await sweep()).toEqual({ settled: ['o2'], left: [], failed: ['o1'] });
    // Never rejected before its money is settled: a rejected order is not swept again.
    expect(calls.filter((call) => call.startsWith('o1'))).toEqual([
      'o1 LoadOrderStatus',
      'o1 CancelShipment',
      'o1 RefundPayment',
    ]);
  });

  it('leaves an order decided meanwhile (RejectOrder refused), and counts any other failure of the decision as failed', async () => {
    const { sweep } = sweeperOver({
      decided: { execution: 'NOT_STARTED', failing: { step: 'RejectOrder', errorType: 'ConflictError' } },
      crashed: { execution: 'FAILED', failing: { step: 'RejectOrder', errorType: 'Runtime.ExitError' } },
      unknown: { execution: 'FAILED', failing: { step: 'LoadOrderStatus', errorType: 'Sandbox.Timedout' } },
    });
    expect(await sweep()).toEqual({ settled: [], left: ['decided'], failed: ['crashed', 'unknown'] });
  });

  it('settles at most `limit` orders per sweep, and orders it leaves alone do not count against it', async () => {
    const left = Object.fromEntries(
      Array.from({ length: 5 }, (_, n) => [`left-${n}`, { execution: 'SUCCEEDED' as const }]),
    );
    const stuck = Object.fromEntries(
      Array.from({ length: 4 }, (_, n) => [`stuck-${n}`, { execution: 'FAILED' as const }]),
    );
    const { sweep } = sweeperOver({ ...left, ...stuck }, { limit: 3, pendingForMs: 0 });
    expect(await sweep()).toEqual({
      settled: ['stuck-0', 'stuck-1', 'stuck-2'],
      left: Object.keys(left),
      failed: [],
    });
  });
});
