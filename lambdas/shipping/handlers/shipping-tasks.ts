import { taskHandler } from '../../shared/tasks/task-handler';
import type { ShipmentsStore } from '../ports/shipments-store';
import { cancelShipmentInputSchema, scheduleShipmentInputSchema } from '../schemas/shipping-tasks';
import { scheduleShipment } from '../use-cases/shipments';

/** The saga's shipping step and its compensation, both idempotent by order id. */
export function scheduleShipmentTask(deps: { readonly shipments: ShipmentsStore }) {
  return taskHandler(scheduleShipmentInputSchema, 'ScheduleShipment', async (input, step) => {
    const shipment = await scheduleShipment(deps, input, step);
    return { orderId: input.orderId, shipmentId: shipment.shipmentId };
  });
}

export function cancelShipmentTask(deps: { readonly shipments: ShipmentsStore }) {
  return taskHandler(cancelShipmentInputSchema, 'CancelShipment', async ({ orderId }, step) => {
    const shipment = await deps.shipments.cancel(orderId, step);
    return { orderId, cancelled: shipment.shipmentId !== undefined };
  });
}
