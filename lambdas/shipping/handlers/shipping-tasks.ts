import { taskHandler } from '../../shared/tasks/task-handler';
import { ShippingUnavailable, shipmentIdFor, UNSERVED_COUNTRIES } from '../domain/shipment';
import type { ShipmentsStore } from '../ports/shipments-store';
import { cancelShipmentInputSchema, scheduleShipmentInputSchema } from '../schemas/shipping-tasks';

/** The saga's shipping step and its compensation, both idempotent by order id. */
export function scheduleShipmentTask(deps: { readonly shipments: ShipmentsStore }) {
  return taskHandler(
    scheduleShipmentInputSchema,
    'ScheduleShipment',
    async ({ orderId, shippingAddress }) => {
      if (UNSERVED_COUNTRIES.has(shippingAddress.country)) {
        throw new ShippingUnavailable(`No carrier serves ${shippingAddress.country}.`);
      }
      const shipment = await deps.shipments.schedule({
        orderId,
        shipmentId: shipmentIdFor(orderId),
        country: shippingAddress.country,
        status: 'SCHEDULED',
      });
      return { orderId, shipmentId: shipment.shipmentId };
    },
  );
}

export function cancelShipmentTask(deps: { readonly shipments: ShipmentsStore }) {
  return taskHandler(cancelShipmentInputSchema, 'CancelShipment', async ({ orderId }) => {
    const shipment = await deps.shipments.cancel(orderId);
    return { orderId, cancelled: shipment !== undefined };
  });
}
