import * as z from 'zod/mini';

/** The shipping service's internal API (IAM-authorized): what another service may read of a shipment. */
export const SHIPPING_INTERNAL_ROUTES = {
  getShipment: { method: 'GET', path: '/shipments/{orderId}' },
} as const;

export const SHIPMENT_STATUSES = ['SCHEDULED', 'CANCELLED', 'UNAVAILABLE'] as const;

/**
 * `GET /shipments/{orderId}`: the order's shipment (404 while none was asked for). `shipmentId` is
 * absent when none was ever booked (unavailable, or cancelled first).
 */
export const shipmentViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  shipmentId: z.optional(z.string()),
});

export type ShipmentView = z.infer<typeof shipmentViewSchema>;
