import { CORRELATION_HEADER } from '../../shared/correlation';
import { ServiceUnavailableError } from '../../shared/errors';
import { callService } from '../../shared/http/call-service';
import { PROBLEM_CONTENT_TYPE } from '../../shared/http/problem';
import type { CustomerDirectory } from '../ports/customer-directory';

/**
 * The customers service's internal API (`GET /customers/{customerId}`, IAM-authorized; `fetchFn` signs).
 * A 404 counts as "no such customer" only when the customers function itself said so (a problem+json
 * body): a 404 or 403 from the gateway means a wrong URL or a missing grant, which must fail loudly rather
 * than turn every order into a 422. Timeouts, 5xx and throttling are ServiceUnavailable (503 to the
 * client, retryable with the same Idempotency-Key).
 */
export class HttpCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch,
  ) {}

  async exists(customerId: string, trace: { readonly correlationId: string }): Promise<boolean> {
    const response = await callService(
      this.fetchFn,
      new URL(`customers/${encodeURIComponent(customerId)}`, this.baseUrl),
      { method: 'GET', headers: { Accept: 'application/json', [CORRELATION_HEADER]: trace.correlationId } },
      this.timeoutMs,
      (why) =>
        new ServiceUnavailableError(
          why.kind === 'status'
            ? `The customers service answered HTTP ${why.status}.`
            : `The customers service did not answer (${why.errorName}).`,
        ),
    );
    if (response.status === 200) return true;
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status === 404 && contentType.startsWith(PROBLEM_CONTENT_TYPE)) return false;
    throw new Error(
      `Unexpected answer from the customers API: HTTP ${response.status} ${await response.text()}`,
    );
  }
}
