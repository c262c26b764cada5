import * as z from 'zod/mini';
import '../../shared/validation-messages';
import { orderItemSchema } from '../../orders/contract';
import { taskInputBase } from '../../shared/tasks/task-handler';

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
