import type { SecretSource } from '../../shared/aws/json-secret';
import { callService } from '../../shared/http/call-service';
import { type PaymentProvider, ProviderUnavailable } from '../ports/payment-provider';
import type { ProviderAccount } from '../schemas/provider-account';

/**
 * The provider's HTTP API (the stub's, or a real one with the same shape), at the URL and with the API key
 * of the shop's account with it, with a timeout per request shorter than the function's, so an
 * unresponsive provider is a failure the circuit can count rather than a function timeout. 5xx, timeouts
 * and network errors are ProviderUnavailable; 402 is a decline; 401 once more with the account read
 * afresh (the key may have been rotated), then ProviderUnavailable (nothing was done: a refused key is
 * refused before any work); any other answer is a bug on one side and fails loudly.
 */
export class HttpPaymentProvider implements PaymentProvider {
  constructor(
    private readonly account: SecretSource<ProviderAccount>,
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

  private async send(method: string, path: string, body: unknown, idempotencyKey?: string) {
    const response = await this.sendAs(await this.account(), method, path, body, idempotencyKey);
    if (response.status !== 401) return response;
    const retried = await this.sendAs(
      await this.account({ refresh: true }),
      method,
      path,
      body,
      idempotencyKey,
    );
    if (retried.status !== 401) return retried;
    throw new ProviderUnavailable(`${method} ${path}: the provider refused the shop's API key (HTTP 401)`);
  }

  private sendAs(
    account: ProviderAccount,
    method: string,
    path: string,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<Response> {
    return callService(
      this.fetchFn,
      new URL(path, account.url),
      {
        method,
        headers: {
          Authorization: `Bearer ${account.apiKey}`,
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
