import { HttpCustomerDirectory } from '../../../lambdas/orders/adapters/http-customer-directory';
import { ServiceUnavailableError } from '../../../lambdas/shared/errors';

/**
 * The adapter alone, against scripted answers: which answers mean "no such customer", which mean "try
 * again later" and which are bugs that must fail loudly. The real path (signed request, IAM check, the
 * customers handler) is covered by the integration and end-to-end suites.
 */
const BASE = 'https://customers.internal.test/internal/';
const trace = { correlationId: 'corr-7' };

function answering(status: number, body = '', contentType = 'application/json') {
  const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchFn: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), init });
    return new Response(body || null, { status, headers: { 'Content-Type': contentType } });
  };
  return { directory: new HttpCustomerDirectory(BASE, 500, fetchFn), requests };
}

describe('HttpCustomerDirectory', () => {
  it('asks GET customers/{id} (escaped) under the base URL, passing the correlation id', async () => {
    const { directory, requests } = answering(200, '{"customerId":"x"}');
    await expect(directory.exists('cus_1/../admin', trace)).resolves.toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`${BASE}customers/cus_1%2F..%2Fadmin`);
    expect(requests[0]?.init?.method).toBe('GET');
    expect(new Headers(requests[0]?.init?.headers).get('x-correlation-id')).toBe('corr-7');
  });

  it("answers false for the customers function's own 404 (problem+json)", async () => {
    const { directory } = answering(
      404,
      '{"type":"https://shop.example/problems/not-found"}',
      'application/problem+json',
    );
    await expect(directory.exists('cus_unknown', trace)).resolves.toBe(false);
  });

  it.each([
    [404, 'a gateway 404 (wrong URL)'],
    [403, 'a gateway 403 (missing grant or signature)'],
    [400, 'a 400'],
  ])('fails loudly, not as "no such customer", on %s: %s', async (status) => {
    const { directory } = answering(status, '{"message":"Missing Authentication Token"}');
    const outcome = directory.exists('cus_1', trace);
    await expect(outcome).rejects.toThrow(`Unexpected answer from the customers API: HTTP ${status}`);
    await expect(outcome).rejects.not.toBeInstanceOf(ServiceUnavailableError);
  });

  it.each([500, 502, 503, 504, 429])('is unavailable (retryable) on HTTP %s', async (status) => {
    const { directory } = answering(status);
    await expect(directory.exists('cus_1', trace)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('is unavailable when the customers service does not answer within the timeout', async () => {
    const hanging: typeof fetch = (_, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const directory = new HttpCustomerDirectory(BASE, 20, hanging);
    await expect(directory.exists('cus_1', trace)).rejects.toThrow(
      'The customers service did not answer (TimeoutError).',
    );
  });

  it('is unavailable when the connection fails', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const directory = new HttpCustomerDirectory(BASE, 500, refused);
    await expect(directory.exists('cus_1', trace)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
