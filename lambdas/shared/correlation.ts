import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'X-Correlation-Id';

// A caller-supplied id is echoed only when it is safe to log and to put in a header.
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The correlation id of a request: the caller's, when well-formed, or a new one. */
export function correlationIdFrom(supplied: string | undefined): string {
  return supplied !== undefined && SAFE_CORRELATION_ID.test(supplied) ? supplied : randomUUID();
}
