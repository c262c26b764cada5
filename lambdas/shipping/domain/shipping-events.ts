import type { StepContext } from '../../orders/contract';
import type { Trace } from '../../shared/outbox/outbox';
import type {
  ShipmentCancelledData,
  ShipmentLabelFailedData,
  ShipmentLabelledData,
  ShipmentLabelRequestedData,
  ShipmentScheduledData,
  ShippingUnavailableData,
} from '../contract';
import { attemptOf, type Label } from './label';
import { type Shipment, shipmentIdFor } from './shipment';

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

export type LabelEvent =
  | { readonly type: 'ShipmentLabelRequested'; readonly data: ShipmentLabelRequestedData }
  | { readonly type: 'ShipmentLabelled'; readonly data: ShipmentLabelledData }
  | { readonly type: 'ShipmentLabelFailed'; readonly data: ShipmentLabelFailedData };

/** What a label's change publishes: its request, or how the request ended. */
export function labelEvent(orderId: string, label: Label): LabelEvent {
  const fields = { orderId, shipmentId: shipmentIdFor(orderId), requestId: label.requestId };
  switch (label.status) {
    case 'REQUESTED':
      return { type: 'ShipmentLabelRequested', data: { ...fields, attempt: attemptOf(label) } };
    case 'LABELLED':
      return {
        type: 'ShipmentLabelled',
        data: { ...fields, carrier: label.carrier, trackingNumber: label.trackingNumber },
      };
    case 'FAILED':
      return { type: 'ShipmentLabelFailed', data: { ...fields, reason: label.reason } };
  }
}

/**
 * A label event's trace: the order's transaction; caused by what asked (the OrderConfirmed event, or the
 * request it supersedes) for a request, by the request itself for its end (the reply or the deadline
 * answers it).
 */
export function labelTrace(label: Label): Trace {
  return label.status === 'REQUESTED'
    ? label.trace
    : { correlationId: label.trace.correlationId, causationId: label.requestId };
}
