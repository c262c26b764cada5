import * as z from 'zod/mini';
import { taskInputBase } from '../../shared/tasks/task-handler';
import { REJECTION_REASONS } from '../contract';

/** The saga's first step: where the order stands before anything is done for it. */
export const loadOrderStatusInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
});

/** The saga's last steps: recording its outcome on the order. */
export const confirmOrderInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  total: z.number().check(z.minimum(0)),
});

export const rejectOrderInputSchema = z.object({
  ...taskInputBase,
  orderId: z.string().check(z.minLength(1)),
  reason: z.enum(REJECTION_REASONS),
});
