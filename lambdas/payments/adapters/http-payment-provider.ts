import { callService } from '../../shared/http/call-service';
import { type PaymentProvider, ProviderUnavailable } from '../ports/payment-provider';

/**
 * The provider's HTTP API (the stub's, or a real one with the same shape), with a timeout per request
 * shorter than the function's, so an unresponsive provider is a failure the circuit can count rather than
 * a function timeout. 5xx, timeouts and network errors are ProviderUnavailable; 402 is a decline; any
 * other answer is a bug on one side and fails loudly.
 */
export class HttpPaymentProvider implements PaymentProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async charge(idempotencyKey: string, request: { amount: number; currency: string; token: string }) {
    const response = await this.send('POST', 'charges', request, idempotencyKey);
    if (response.status !== 201 && response.status !== 402) throw await unexpected(response);
    const body = (await response.json()) as { chargeId: string; status: string };
    // 402 is an answer, not a failure: declined, or voided (refunded by key before it arrived).
    const status = response.status === 201 ? 'captured' : body.status === 'voided' ? 'voided' : 'declined';
    return { chargeId: body.chargeId, status } as const;
  }

  async refundByKey(chargeKey: string) {
    const response = await this.send('POST', 'refunds', { chargeKey });
    if (response.status !== 200) throw await unexpected(response);
    const { chargeId, status } = (await response.json()) as { chargeId: string; status: string };
    if (status !== 'refunded' && status !== 'voided' && status !== 'declined') {
      throw new Error(`The payment provider settled ${chargeKey} as ${status}.`);
    }
    return { chargeId, status } as const;
  }

  private send(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<Response> {
    return callService(
      this.fetchFn,
      new URL(path, this.baseUrl),
      {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }),
        },
        body: JSON.stringify(body),
      },
      this.timeoutMs,
      (why) =>
        new ProviderUnavailable(
          `${method} ${path}: ${why.kind === 'status' ? `HTTP ${why.status}` : why.errorName}`,
        ),
    );
  }
}

async function unexpected(response: Response): Promise<Error> {
  return new Error(
    `Unexpected answer from the payment provider: HTTP ${response.status} ${await response.text()}`,
  );
}
