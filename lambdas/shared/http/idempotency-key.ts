import { InvalidRequestError } from '../errors';
import type { HttpRequest } from './http-handler';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
// Visible ASCII only: the key is logged and hashed, and must survive any proxy unchanged.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, required on every command that creates something; else a 400. */
export function idempotencyKeyOf(request: HttpRequest, what: string): string {
  const key = request.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidRequestError(
      `The ${IDEMPOTENCY_KEY_HEADER} header is required: 1-255 visible ASCII characters, one per distinct ${what}.`,
    );
  }
  return key;
}
