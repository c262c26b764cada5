import * as z from 'zod/mini';
import { orderIdSchema } from './order-id';

/**
 * The exact cursors the orders' list endpoints issue. Each names what it lists (`z.literal`), so a cursor
 * of another order or customer is malformed; every key value is one the tables can hold (no empty
 * strings, ids and instants in the shape we write them), so a forged one never reaches DynamoDB.
 */

/** History: the order and the last version returned. */
export const historyCursorSchema = (orderId: string) =>
  z.strictObject({ o: z.literal(orderId), v: z.int().check(z.minimum(1)) });

/** Customer listing: the customer and the last order returned (its `createdAt` and id: the index's sort key). */
export const customerOrdersCursorSchema = (customerId: string) =>
  z.strictObject({ c: z.literal(customerId), t: z.iso.datetime({ offset: true }), o: orderIdSchema });
