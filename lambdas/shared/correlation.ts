import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/**
 * A caller's id is kept only when it is 1-128 of `A-Z a-z 0-9 . _ : -`. It travels everywhere unchanged
 * (response header, every log line, event metadata, the saga's input, calls to other services), so it
 * must be inert in each: no control characters or newlines (log and header injection), no quotes,
 * backslashes, `<` or `&` (JSON, HTML), no `/`, `%`, `+` or spaces (URLs, and SigV4's canonical headers,
 * which fold spaces); a UUID, a ULID, an X-Ray or W3C trace id, `checkout-123` all fit. 128 leaves room
 * for a prefix in front of a trace id without letting a caller fill every log line.
 */
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The correlation id of a request: the caller's, when well-formed, or a new one. */
export function correlationIdFrom(supplied: string | undefined): string {
  return supplied !== undefined && SAFE_CORRELATION_ID.test(supplied) ? supplied : randomUUID();
}
