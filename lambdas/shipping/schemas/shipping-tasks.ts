import * as z from 'zod/mini';
import { shippingAddressSchema } from '../../orders/contract';
import { taskInputBase } from '../../shared/tasks/task-handler';

export const scheduleShipmentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  shippingAddress: shippingAddressSchema,
});

export const cancelShipmentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
});
