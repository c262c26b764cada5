import * as z from 'zod/mini';
import '../../shared/validation-messages';
import { orderItemSchema } from '../../orders/schemas/place-order-request';
import { taskInputBase } from '../../shared/tasks/task-handler';

/** `PUT /inventory/{sku}` (non-production stages): the stock to make available, and optionally its price. */
export const setStockRequestSchema = z.strictObject({
  available: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  unitPrice: z.optional(z.number().check(z.minimum(0), z.maximum(1_000_000))),
});

export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The saga's ReserveInventory and ReleaseInventory tasks. */
export const reserveInventoryInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  items: z.array(orderItemSchema).check(z.minLength(1), z.maxLength(50)),
});
export type ReserveInventoryInput = z.infer<typeof reserveInventoryInputSchema>;

export const releaseInventoryInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
});
export type ReleaseInventoryInput = z.infer<typeof releaseInventoryInputSchema>;
