import * as z from 'zod/mini';
import { moneySchema, shippingAddressSchema } from '../../orders/contract';
import { taskInputBase } from '../../shared/tasks/task-handler';

export const scheduleShipmentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  shippingAddress: shippingAddressSchema,
  declaredValue: moneySchema,
});

export const cancelShipmentInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
});
