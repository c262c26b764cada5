import type { Currency, ShippingAddress, StepContext } from '../../orders/contract';
import { answerOf, type Shipment, shipmentIdFor, UNSERVED_COUNTRIES } from '../domain/shipment';
import type { ShipmentsStore } from '../ports/shipments-store';

export interface ScheduleRequest {
  readonly orderId: string;
  readonly shippingAddress: ShippingAddress;
  readonly declaredValue: { readonly amount: number; readonly currency: Currency };
}

/**
 * Books the order's shipment, or records that no carrier serves the address and throws
 * ShippingUnavailable. Idempotent by order id: a repeat answers as the first request was answered (a
 * shipment cancelled meanwhile stays cancelled).
 */
export async function scheduleShipment(
  deps: { readonly shipments: ShipmentsStore },
  { orderId, shippingAddress, declaredValue }: ScheduleRequest,
  step: StepContext,
): Promise<Shipment> {
  const { country } = shippingAddress;
  const shipment: Shipment = UNSERVED_COUNTRIES.has(country)
    ? { orderId, status: 'UNAVAILABLE', country }
    : {
        orderId,
        status: 'SCHEDULED',
        shipmentId: shipmentIdFor(orderId),
        country,
        declaredValue,
        address: shippingAddress,
      };
  return answerOf(await deps.shipments.schedule(shipment, step));
}
