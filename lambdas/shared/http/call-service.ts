/** Why a call to another service (or a third party) could not be answered; worth retrying later. */
export type Unavailability =
  | { readonly kind: 'no-answer'; readonly errorName: string }
  | { readonly kind: 'status'; readonly status: number };

/**
 * One request to another service's HTTP API, given up after `timeoutMs` (shorter than the caller's own
 * timeout, so a silent service is a failure the caller handles, not a timed-out caller), or earlier when
 * `init.signal` aborts (the caller's own deadline). No answer
 * (timeout, refused connection), a 5xx or a 429 is `unavailable(...)`, an error of the caller's kind;
 * every other answer is returned for the caller to read.
 */
export async function callService(
  fetchFn: typeof fetch,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
  unavailable: (why: Unavailability) => Error,
): Promise<Response> {
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    response = await fetchFn(url, { ...init, signal });
  } catch (error) {
    throw unavailable({ kind: 'no-answer', errorName: (error as Error).name });
  }
  if (response.status >= 500 || response.status === 429) {
    throw unavailable({ kind: 'status', status: response.status });
  }
  return response;
}
