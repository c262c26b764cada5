/** Why a call to another service (or a third party) could not be answered; worth retrying later. */
export type Unavailability =
  | { readonly kind: 'no-answer'; readonly errorName: string }
  | { readonly kind: 'status'; readonly status: number };

/**
 * One request to another service's HTTP API, given up after `timeoutMs` (shorter than the caller's own
 * timeout, so a silent service is a failure the caller handles, not a timed-out caller). No answer
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
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw unavailable({ kind: 'no-answer', errorName: (error as Error).name });
  }
  if (response.status >= 500 || response.status === 429) {
    throw unavailable({ kind: 'status', status: response.status });
  }
  return response;
}
