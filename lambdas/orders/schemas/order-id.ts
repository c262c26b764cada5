import * as z from 'zod/mini';
import { NotFoundError } from '../../shared/errors';

// Order ids are UUIDs we mint; anything else cannot exist, so it is a 404 without a database call.
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An order id as we mint them, for schemas (cursors) that carry one. */
export const orderIdSchema = z.string().check(z.regex(ORDER_ID));

export function orderIdOrNotFound(raw: string | undefined): string {
  const orderId = raw ?? '';
  if (!ORDER_ID.test(orderId)) throw new NotFoundError(`Order ${orderId} does not exist.`);
  return orderId;
}
