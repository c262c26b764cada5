import * as z from 'zod/mini';

/**
 * The shipping service's internal API (IAM-authorized): what another service may read of a shipment, and
 * what an operator may ask of it (no service is granted `askLabelAgain`: operators call it with their own
 * IAM identity).
 */
export const SHIPPING_INTERNAL_ROUTES = {
  getShipment: { method: 'GET', path: '/shipments/{orderId}' },
  /** The carrier asked again for a FAILED label (202 with the shipment's view; 409 unless FAILED). */
  askLabelAgain: { method: 'POST', path: '/shipments/{orderId}/label' },
} as const;

export const SHIPMENT_STATUSES = ['SCHEDULED', 'CANCELLED', 'UNAVAILABLE'] as const;

/** A label asked of the carrier: pending, given (`carrier`, `trackingNumber`), or failed (no reply in time). */
export const LABEL_STATUSES = ['REQUESTED', 'LABELLED', 'FAILED'] as const;
export const LABEL_FAILURE_REASONS = ['CARRIER_TIMEOUT'] as const;

/**
 * `GET /shipments/{orderId}`: the order's shipment (404 while none was asked for). `shipmentId` is
 * absent when none was ever booked (unavailable, or cancelled first). `label` once the order was
 * confirmed and a label asked for; `carrier` and `trackingNumber` once the carrier gave it.
 */
export const shipmentViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  shipmentId: z.optional(z.string()),
  label: z.optional(
    z.object({
      status: z.enum(LABEL_STATUSES),
      reason: z.optional(z.enum(LABEL_FAILURE_REASONS)),
    }),
  ),
  carrier: z.optional(z.string()),
  trackingNumber: z.optional(z.string()),
});

export type ShipmentView = z.infer<typeof shipmentViewSchema>;
