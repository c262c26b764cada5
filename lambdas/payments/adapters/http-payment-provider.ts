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
    const response = await this.send('POST', 'charges', idempotencyKey, request);
    if (response.status !== 201 && response.status !== 402) throw await unexpected(response);
    const body = (await response.json()) as { chargeId: string };
    return {
      chargeId: body.chargeId,
      status: response.status === 402 ? ('declined' as const) : ('captured' as const),
    };
  }

  async refund(idempotencyKey: string, chargeId: string): Promise<void> {
    const response = await this.send(
      'POST',
      `charges/${encodeURIComponent(chargeId)}/refunds`,
      idempotencyKey,
      {},
    );
    if (response.status !== 200) throw await unexpected(response);
  }

  private send(method: string, path: string, idempotencyKey: string, body: unknown): Promise<Response> {
    return callService(
      this.fetchFn,
      new URL(path, this.baseUrl),
      {
        method,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
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
