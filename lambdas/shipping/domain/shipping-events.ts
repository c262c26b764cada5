import type { StepContext } from '../../orders/contract';
import type { ShipmentCancelledData, ShipmentScheduledData, ShippingUnavailableData } from '../contract';
import type { Shipment } from './shipment';

/** What the shipping service publishes about a shipment, from the shipment itself. */
export function scheduledEvent(shipment: Shipment, step: StepContext): ShipmentScheduledData {
  const { orderId, shipmentId, country, declaredValue } = shipment;
  if (shipmentId === undefined || country === undefined || declaredValue === undefined) {
    throw new Error(`Shipment of ${orderId} is not a booked one.`);
  }
  return { orderId, sagaStyle: step.sagaStyle, shipmentId, country, declaredValue };
}

export function unavailableEvent(shipment: Shipment, step: StepContext): ShippingUnavailableData {
  return { orderId: shipment.orderId, sagaStyle: step.sagaStyle, country: shipment.country ?? '' };
}

export function cancelledEvent(shipment: Shipment, step: StepContext): ShipmentCancelledData {
  return {
    orderId: shipment.orderId,
    sagaStyle: step.sagaStyle,
    ...(shipment.shipmentId === undefined ? {} : { shipmentId: shipment.shipmentId }),
    ...(step.cause === undefined ? {} : { cause: step.cause }),
  };
}
