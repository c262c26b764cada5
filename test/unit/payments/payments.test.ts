import type { APIGatewayProxyResult } from 'aws-lambda';
import type { StepContext } from '../../../lambdas/orders/contract';
import type { Behaviour, Charge } from '../../../lambdas/payment-provider/domain/ledger';
import { NORMAL } from '../../../lambdas/payment-provider/domain/ledger';
import { providerHandler } from '../../../lambdas/payment-provider/handlers/provider-handler';
import type { ProviderLedger } from '../../../lambdas/payment-provider/ports/provider-ledger';
import { HttpPaymentProvider } from '../../../lambdas/payments/adapters/http-payment-provider';
import {
  type Payment,
  PaymentDeclined,
  PaymentUnavailable,
  type Settlement,
} from '../../../lambdas/payments/domain/payment';
import type { PaymentsStore } from '../../../lambdas/payments/ports/payments-store';
import {
  type ChargeRequest,
  chargePayment,
  refundPayment,
} from '../../../lambdas/payments/use-cases/payments';
import { CircuitBreaker } from '../../../lambdas/shared/resilience/circuit-breaker';
import { apiEvent, lambdaContext } from '../../helpers/api-gateway-event';
import { InMemoryBreakerStore } from '../../helpers/in-memory-breaker-store';
import { issuedApiKey, PROVIDER_API_KEY, providerAccount, providerFetch } from '../../helpers/provider-fetch';

/** The stub provider's ledger in memory (its DynamoDB adapter is exercised end to end). */
class MemoryLedger implements ProviderLedger {
  readonly charges = new Map<string, Charge>();
  setting: Behaviour = NORMAL;
  async behaviour() {
    return this.setting;
  }
  async setBehaviour(behaviour: Behaviour) {
    this.setting = behaviour;
  }
  async findCharge(chargeId: string) {
    return this.charges.get(chargeId);
  }
  async createCharge(charge: Charge) {
    if (this.charges.has(charge.chargeId)) return false;
    this.charges.set(charge.chargeId, charge);
    return true;
  }
  async refund(chargeId: string) {
    const charge = this.charges.get(chargeId);
    if (charge?.status !== 'captured') return false;
    this.charges.set(chargeId, { ...charge, status: 'refunded', refundedAmount: charge.amount });
    return true;
  }
}

class MemoryPayments implements PaymentsStore {
  readonly items = new Map<string, Payment>();
  async get(orderId: string) {
    return this.items.get(orderId);
  }
  async recordAttempt(attempt: Pick<Payment, 'orderId' | 'amount' | 'currency'>) {
    if (!this.items.has(attempt.orderId))
      this.items.set(attempt.orderId, { ...attempt, status: 'ATTEMPTED' });
  }
  async record(payment: Payment) {
    const now = this.items.get(payment.orderId);
    if (now !== undefined && now.status !== 'ATTEMPTED') return false;
    this.items.set(payment.orderId, payment);
    return true;
  }
  async recordSettlement(settled: Payment & Settlement) {
    const now = this.items.get(settled.orderId);
    if (now !== undefined && now.status !== 'ATTEMPTED' && now.status !== 'CAPTURED') return false;
    this.items.set(settled.orderId, settled);
    return true;
  }
}

const step: StepContext = { correlationId: 'corr-1', causationId: 'cause-1', sagaStyle: 'orchestration' };

/**
 * The payments use cases against the real stub provider handler, reached through the real HTTP adapter
 * with `fetch` routed to the handler in-process: the whole path but the network.
 */
function world(options: { failures?: number } = {}) {
  const ledger = new MemoryLedger();
  let now = 10_000_000;
  const provider = providerHandler({
    ledger,
    adminEnabled: true,
    apiKey: issuedApiKey,
    now: () => new Date(now),
    random: () => 0.5,
    sleep: async () => undefined,
  });
  let providerCalls = 0;
  const toHandler = providerFetch(provider, () => {
    providerCalls++;
  });
  // The network's faults for the next request: its answer lost after the provider did the work, or the
  // request held up (the caller gives up) and delivered later, when the test says.
  const network = {
    fault: undefined as 'lose-answer' | 'hold-request' | undefined,
    held: [] as Array<() => Promise<Response>>,
  };
  const fetchToHandler: typeof fetch = async (input, init) => {
    const fault = network.fault;
    network.fault = undefined;
    if (fault === 'lose-answer') {
      await toHandler(input, init);
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }
    if (fault === 'hold-request') {
      network.held.push(() => toHandler(input, init));
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }
    return toHandler(input, init);
  };
  const breakerStore = new InMemoryBreakerStore();
  const deps = {
    payments: new MemoryPayments(),
    provider: new HttpPaymentProvider(providerAccount, 1000, fetchToHandler),
    breaker: new CircuitBreaker({
      name: 'payment-provider',
      store: breakerStore,
      now: () => now,
      settings: {
        threshold: { kind: 'count', failures: options.failures ?? 3 },
        windowMs: 60_000,
        openMs: 10_000,
        probeTimeoutMs: 2_000,
      },
    }),
  };
  return {
    deps,
    ledger,
    provider,
    breakerStore,
    network,
    calls: () => providerCalls,
    advance: (ms: number) => (now += ms),
  };
}

const order = (orderId: string, paymentToken = 'tok_ok'): ChargeRequest => ({
  orderId,
  amount: 42.5,
  currency: 'EUR',
  paymentToken,
});

describe('payments through the stub provider', () => {
  it('charges once per order: a repeated step returns the same payment without a second charge', async () => {
    const { deps, ledger, calls } = world();
    const first = await chargePayment(deps, order('o-1'), step);
    expect(first).toMatchObject({ status: 'CAPTURED', amount: 42.5 });
    await expect(chargePayment(deps, order('o-1'), step)).resolves.toEqual(first);
    expect(calls()).toBe(1);
    expect([...ledger.charges.values()]).toEqual([
      expect.objectContaining({ status: 'captured', amount: 42.5 }),
    ]);
  });

  it('answers tok_declined with PaymentDeclined, which never counts against the circuit', async () => {
    const { deps, breakerStore } = world({ failures: 1 });
    for (const n of [1, 2, 3])
      await expect(chargePayment(deps, order(`d-${n}`, 'tok_declined'), step)).rejects.toBeInstanceOf(
        PaymentDeclined,
      );
    await expect(chargePayment(deps, order('d-1', 'tok_declined'), step)).rejects.toBeInstanceOf(
      PaymentDeclined,
    );
    expect(breakerStore.states.get('payment-provider')?.status ?? 'CLOSED').toBe('CLOSED');
  });

  it('turns an unavailable provider into PaymentUnavailable, and an open circuit fails fast without calling it', async () => {
    const { deps, ledger, calls, advance } = world({ failures: 2 });
    ledger.setting = { latencyMs: 0, failureRate: 1 };
    for (const n of [1, 2])
      await expect(chargePayment(deps, order(`u-${n}`), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    const before = calls();
    await expect(chargePayment(deps, order('u-3'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    expect(calls()).toBe(before);
    // Recovery: after openMs one probe goes through and closes the circuit.
    ledger.setting = NORMAL;
    advance(10_000);
    await expect(chargePayment(deps, order('u-3'), step)).resolves.toMatchObject({ status: 'CAPTURED' });
  });

  it('refunds only what was captured, once', async () => {
    const { deps, ledger, calls } = world();
    const { chargeId } = await chargePayment(deps, order('r-1'), step);
    await expect(refundPayment(deps, 'r-1', step)).resolves.toMatchObject({ status: 'REFUNDED' });
    await expect(refundPayment(deps, 'r-1', step)).resolves.toMatchObject({ status: 'REFUNDED' });
    expect(ledger.charges.get(chargeId ?? '')).toMatchObject({ status: 'refunded', refundedAmount: 42.5 });
    const made = calls();
    // Never asked for: voided without a call, so that a charge asked for later is refused.
    await expect(refundPayment(deps, 'never-charged', step)).resolves.toEqual({
      orderId: 'never-charged',
      status: 'VOIDED',
    });
    await expect(chargePayment(deps, order('never-charged'), step)).rejects.toBeInstanceOf(PaymentDeclined);
    await chargePayment(deps, order('r-2', 'tok_declined'), step).catch(() => undefined);
    await expect(refundPayment(deps, 'r-2', step)).resolves.toMatchObject({ status: 'DECLINED' });
    expect(calls()).toBe(made + 1); // only the declined charge itself
  });

  it('settles a charge whose answer was lost: refunded by its key, once', async () => {
    const { deps, ledger, network } = world();
    network.fault = 'lose-answer';
    await expect(chargePayment(deps, order('l-1'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    expect(await deps.payments.get('l-1')).toMatchObject({ status: 'ATTEMPTED' });
    // The provider did capture it: "unavailable" is not "not charged".
    expect([...ledger.charges.values()]).toEqual([expect.objectContaining({ status: 'captured' })]);
    await expect(refundPayment(deps, 'l-1', step)).resolves.toMatchObject({ status: 'REFUNDED' });
    await expect(refundPayment(deps, 'l-1', step)).resolves.toMatchObject({ status: 'REFUNDED' });
    expect([...ledger.charges.values()]).toEqual([
      expect.objectContaining({ status: 'refunded', refundedAmount: 42.5 }),
    ]);
  });

  it('voids a charge that has not arrived yet: when it does, it is refused and nothing is captured', async () => {
    const { deps, ledger, network } = world();
    network.fault = 'hold-request';
    await expect(chargePayment(deps, order('v-1'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    await expect(refundPayment(deps, 'v-1', step)).resolves.toMatchObject({ status: 'VOIDED' });
    const late = await (network.held.shift() as () => Promise<Response>)();
    expect(late.status).toBe(402);
    expect(await late.json()).toMatchObject({ status: 'voided' });
    expect([...ledger.charges.values()]).toEqual([expect.objectContaining({ status: 'voided', amount: 0 })]);
    // And the charge step, should it run again for this order, takes nothing either.
    await expect(chargePayment(deps, order('v-1'), step)).rejects.toBeInstanceOf(PaymentDeclined);
    expect([...ledger.charges.values()]).toEqual([expect.objectContaining({ status: 'voided' })]);
  });

  it('has nothing to settle when no charge ever left (refused by the open circuit)', async () => {
    const { deps, ledger, calls } = world({ failures: 1 });
    ledger.setting = { latencyMs: 0, failureRate: 1 };
    await expect(chargePayment(deps, order('o-1'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    ledger.setting = NORMAL;
    const before = calls();
    await expect(chargePayment(deps, order('o-2'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    await expect(refundPayment(deps, 'o-2', step)).resolves.toMatchObject({ status: 'VOIDED' });
    expect(calls()).toBe(before);
  });
});

describe('HttpPaymentProvider', () => {
  const account = async () => ({ url: 'https://p.test/', apiKey: 'key-issued-by-the-provider-1' });
  const answering =
    (status: number, body: unknown = {}): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { status });

  it.each([
    [503, 'ProviderUnavailable'],
    [500, 'ProviderUnavailable'],
    [429, 'ProviderUnavailable'],
    [409, 'Error'],
  ])('maps HTTP %s to %s', async (status, name) => {
    const provider = new HttpPaymentProvider(account, 100, answering(status));
    await expect(provider.charge('k', { amount: 1, currency: 'EUR', token: 't' })).rejects.toMatchObject({
      name,
    });
  });

  it('sends the account key; after a 401, reads the account afresh once (a rotated key) and retries', async () => {
    const sent: Array<string | null> = [];
    let current = 'the-old-key-that-was-rotated';
    const rotating = async ({ refresh = false } = {}) => {
      if (refresh) current = 'the-new-key-from-the-secret';
      return { url: 'https://p.test/', apiKey: current };
    };
    const provider = new HttpPaymentProvider(rotating, 100, async (_, init) => {
      const authorization = new Headers(init?.headers).get('Authorization');
      sent.push(authorization);
      return authorization === 'Bearer the-new-key-from-the-secret'
        ? new Response(JSON.stringify({ chargeId: 'ch_1', status: 'captured' }), { status: 201 })
        : new Response('{}', { status: 401 });
    });
    await expect(provider.charge('k', { amount: 1, currency: 'EUR', token: 't' })).resolves.toEqual({
      chargeId: 'ch_1',
      status: 'captured',
    });
    expect(sent).toEqual(['Bearer the-old-key-that-was-rotated', 'Bearer the-new-key-from-the-secret']);
  });

  it('a key refused twice is ProviderUnavailable (nothing was done), after exactly one retry', async () => {
    let calls = 0;
    const provider = new HttpPaymentProvider(account, 100, async () => {
      calls++;
      return new Response('{}', { status: 401 });
    });
    await expect(provider.refundByKey('k')).rejects.toMatchObject({ name: 'ProviderUnavailable' });
    expect(calls).toBe(2);
  });

  it('gives up after its timeout, as ProviderUnavailable', async () => {
    const hanging: typeof fetch = (_, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const provider = new HttpPaymentProvider(account, 20, hanging);
    await expect(provider.refundByKey('k')).rejects.toMatchObject({ name: 'ProviderUnavailable' });
  });
});

describe('the stub provider', () => {
  it('answers every route, the admin one too, only with its issued key: otherwise 401 problem+json', async () => {
    const { provider, ledger } = world();
    const send = (resource: string, method: string, authorization?: string) =>
      provider(
        apiEvent({
          method,
          resource,
          body: method === 'GET' ? null : JSON.stringify({ latencyMs: 0, failureRate: 1 }),
          headers: authorization === undefined ? {} : { Authorization: authorization },
          pathParameters: { chargeId: `ch_${'0'.repeat(24)}` },
        }),
        lambdaContext('provider'),
      ) as Promise<APIGatewayProxyResult>;
    for (const authorization of [
      undefined,
      'Bearer wrong-key',
      PROVIDER_API_KEY,
      `Basic ${PROVIDER_API_KEY}`,
    ]) {
      for (const [resource, method] of [
        ['/admin/behaviour', 'PUT'],
        ['/charges', 'POST'],
        ['/refunds', 'POST'],
        ['/charges/{chargeId}', 'GET'],
      ] as const) {
        const answer = await send(resource, method, authorization);
        expect(answer.statusCode).toBe(401);
        expect(answer.headers?.['WWW-Authenticate']).toBe('Bearer');
        expect(JSON.parse(answer.body)).toMatchObject({ status: 401, title: 'Authentication is required' });
      }
    }
    expect(ledger.setting).toEqual(NORMAL);
    expect((await send('/admin/behaviour', 'PUT', `Bearer ${PROVIDER_API_KEY}`)).statusCode).toBe(200);
  });

  it('refuses a reused idempotency key for a different charge', async () => {
    const { deps } = world();
    await chargePayment(deps, order('k-1'), step);
    await expect(
      deps.provider.charge('order-k-1-charge', { amount: 1, currency: 'EUR', token: 'tok_ok' }),
    ).rejects.toThrow(/HTTP 409/);
  });

  it('takes its latency and failure rate from the admin route, and refuses a malformed setting', async () => {
    const { deps, provider, ledger } = world();
    const put = (body: unknown) =>
      provider(
        apiEvent({
          method: 'PUT',
          resource: '/admin/behaviour',
          body: JSON.stringify(body),
          headers: { Authorization: `Bearer ${PROVIDER_API_KEY}` },
        }),
        lambdaContext('provider'),
      ) as Promise<APIGatewayProxyResult>;
    expect((await put({ latencyMs: 0, failureRate: 1 })).statusCode).toBe(200);
    expect(ledger.setting).toEqual({ latencyMs: 0, failureRate: 1 });
    await expect(chargePayment(deps, order('a-1'), step)).rejects.toBeInstanceOf(PaymentUnavailable);
    expect((await put({ latencyMs: -1, failureRate: 2 })).statusCode).toBe(400);
  });
});
