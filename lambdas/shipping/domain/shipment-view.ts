import type { ShipmentView } from '../contract';
import type { Shipment } from './shipment';

/**
 * What another service may see of a shipment: never its address or declared value; its label's state, and
 * once the carrier gave it, the carrier and tracking number while the shipment stands (a cancelled
 * shipment's label is void: nothing is to be tracked).
 */
export function shipmentView({ orderId, status, shipmentId, label }: Shipment): ShipmentView {
  if (label === undefined) return { orderId, status, shipmentId };
  switch (label.status) {
    case 'REQUESTED':
      return { orderId, status, shipmentId, label: { status: label.status } };
    case 'LABELLED':
      if (status !== 'SCHEDULED') return { orderId, status, shipmentId, label: { status: label.status } };
      return {
        orderId,
        status,
        shipmentId,
        label: { status: label.status },
        carrier: label.carrier,
        trackingNumber: label.trackingNumber,
      };
    case 'FAILED':
      return { orderId, status, shipmentId, label: { status: label.status, reason: label.reason } };
  }
}
