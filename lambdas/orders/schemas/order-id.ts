import * as z from 'zod/mini';
import { pathIdOrNotFound } from '../../shared/http/path-id';
import { ORDER_ID } from '../contract';

/** An order id as we mint them, for schemas (cursors) that carry one. */
export const orderIdSchema = z.string().check(z.regex(ORDER_ID));

export function orderIdOrNotFound(raw: string | undefined): string {
  return pathIdOrNotFound(raw, ORDER_ID, (orderId) => `Order ${orderId} does not exist.`);
}
