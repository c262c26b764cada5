import { SHIPPING_ERRORS } from '../contract';
/**
 * A shipment per order. The saga schedules it and, to compensate, cancels it; both idempotent by order
 * id. Country `XX` stands for a destination the carrier does not serve: `ShippingUnavailable`, a business
 * answer the state machine catches by name.
 */
export type ShipmentStatus = 'SCHEDULED' | 'CANCELLED';

export interface Shipment {
  readonly orderId: string;
  readonly shipmentId: string;
  readonly country: string;
  readonly status: ShipmentStatus;
}

export const UNSERVED_COUNTRIES: ReadonlySet<string> = new Set(['XX']);

export class ShippingUnavailable extends Error {
  override readonly name: string = SHIPPING_ERRORS.ShippingUnavailable;
}

/** The shipment id follows from the order: scheduling twice can only ever be one shipment. */
export function shipmentIdFor(orderId: string): string {
  return `shp_${orderId}`;
}
