import type { Currency, ShippingAddress, StepContext } from '../../orders/contract';
import type { OrderFacts } from '../../shared/choreography/order-facts';
import { ShippingUnavailable } from '../domain/shipment';
import type { ShipmentsStore } from '../ports/shipments-store';
import { scheduleShipment } from './shipments';

/** What an order's shipment needs, as the choreography brings it: two events, in either order. */
export interface ShipmentTerms {
  readonly shippingAddress: ShippingAddress;
  readonly declaredValue: { readonly amount: number; readonly currency: Currency };
}

export interface ChoreographedShippingDeps {
  readonly shipments: ShipmentsStore;
  readonly terms: OrderFacts<ShipmentTerms>;
}

/**
 * Adds what an event says about the order's shipment (the address from OrderPlaced, the paid amount as the
 * declared value from PaymentCaptured) and books it once both have come: the same scheduleShipment the
 * orchestrated saga's step runs (an unserved address is recorded and published as ShippingUnavailable).
 */
export async function shipWhenReady(
  deps: ChoreographedShippingDeps,
  orderId: string,
  facts: Partial<ShipmentTerms>,
  step: StepContext,
): Promise<'waiting' | 'scheduled' | 'unavailable'> {
  const terms = await deps.terms.add(orderId, facts);
  if (terms.shippingAddress === undefined || terms.declaredValue === undefined) return 'waiting';
  try {
    await scheduleShipment(
      deps,
      { orderId, shippingAddress: terms.shippingAddress, declaredValue: terms.declaredValue },
      step,
    );
    return 'scheduled';
  } catch (error) {
    if (error instanceof ShippingUnavailable) return 'unavailable';
    throw error;
  }
}
