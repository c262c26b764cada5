import { taskHandler } from '../../shared/tasks/task-handler';
import type { InventoryStore } from '../ports/inventory-store';
import { releaseInventoryInputSchema, reserveInventoryInputSchema } from '../schemas/inventory-requests';

/**
 * The saga's inventory step and its compensation. Both are idempotent by order id: the step reserves once
 * (a repeat returns the same reservation), the compensation releases only what that order reserved, once.
 */
export function reserveInventoryTask(deps: { readonly inventory: InventoryStore }) {
  return taskHandler(reserveInventoryInputSchema, 'ReserveInventory', async ({ orderId, items }, step) => {
    const reservation = await deps.inventory.reserve(orderId, items, step);
    return { orderId, total: reservation.total, lines: reservation.lines };
  });
}

export function releaseInventoryTask(deps: { readonly inventory: InventoryStore }) {
  return taskHandler(releaseInventoryInputSchema, 'ReleaseInventory', async ({ orderId }, step) => {
    const released = await deps.inventory.release(orderId, step);
    return { orderId, released: released !== undefined };
  });
}
