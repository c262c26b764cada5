import type { Currency, ShippingAddress } from '../../orders/contract';
import { type SHIPMENT_STATUSES, SHIPPING_ERRORS } from '../contract';
import type { Label } from './label';
/**
 * A shipment per order, ever. The saga schedules it and, to compensate, cancels it; both idempotent by
 * order id. Country `XX` stands for a destination the carrier does not serve: `ShippingUnavailable`, a
 * business answer the state machine catches by name, recorded (`UNAVAILABLE`) so that a repeat answers the
 * same. A cancellation that comes before any shipment records `CANCELLED` with no shipment, so that one
 * asked for later is never booked.
 */
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface Shipment {
  readonly orderId: string;
  readonly status: ShipmentStatus;
  /** Absent when no shipment was ever booked (unavailable, or cancelled first). */
  readonly shipmentId?: string;
  readonly country?: string;
  /** The goods' value declared to the carrier: the order's total. */
  readonly declaredValue?: { readonly amount: number; readonly currency: Currency };
  /** Where a booked shipment goes: what its label is asked for (absent on shipments booked before labels). */
  readonly address?: ShippingAddress;
  /** Its label, once asked of the carrier (after the order's confirmation). */
  readonly label?: Label;
}

export const UNSERVED_COUNTRIES: ReadonlySet<string> = new Set(['XX']);

export class ShippingUnavailable extends Error {
  override readonly name: string = SHIPPING_ERRORS.ShippingUnavailable;
}

/** The shipment id follows from the order: scheduling twice can only ever be one shipment. */
export function shipmentIdFor(orderId: string): string {
  return `shp_${orderId}`;
}

/** The answer a repeated request gets from the order's shipment: itself, or ShippingUnavailable again. */
export function answerOf(shipment: Shipment): Shipment {
  if (shipment.status === 'UNAVAILABLE') {
    throw new ShippingUnavailable(`No carrier serves ${shipment.country ?? 'the address'}.`);
  }
  return shipment;
}
