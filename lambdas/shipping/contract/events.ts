import * as z from 'zod/mini';
import {
  compensationCauseSchema,
  EXAMPLE_ORDER_ID,
  moneySchema,
  orderEventFields,
} from '../../orders/contract';
import { type EventVersions, firstVersion, type ServiceEvents } from '../../shared/events/event-versions';

/** The source of everything the shipping service publishes. */
export const SHIPPING_EVENT_SOURCE = 'shop.shipping';

const country = z.string().check(z.regex(/^[A-Z]{2}$/));

/**
 * The order's shipment is booked. `declaredValue`: the goods' value declared to the carrier (customs and
 * insurance), which is the order's total.
 */
const shipmentScheduledV1 = z.object({
  ...orderEventFields,
  shipmentId: z.string().check(z.minLength(1)),
  country,
  declaredValue: moneySchema,
});
/** No carrier serves the address: nothing booked. A repeat of the request answers the same, ever after. */
const shippingUnavailableV1 = z.object({ ...orderEventFields, country });
/**
 * The order's shipment is cancelled (`shipmentId` absent: none had been booked, and now none will be).
 * `cause`: why, when the step that cancelled it knew.
 */
const shipmentCancelledV1 = z.object({
  ...orderEventFields,
  shipmentId: z.optional(z.string().check(z.minLength(1))),
  cause: z.optional(compensationCauseSchema),
});

export const SHIPPING_EVENT_TYPES = [
  'ShipmentScheduled',
  'ShippingUnavailable',
  'ShipmentCancelled',
] as const;
export type ShippingEventType = (typeof SHIPPING_EVENT_TYPES)[number];
export type ShipmentScheduledData = z.infer<typeof shipmentScheduledV1>;
export type ShippingUnavailableData = z.infer<typeof shippingUnavailableV1>;
export type ShipmentCancelledData = z.infer<typeof shipmentCancelledV1>;

export const SHIPPING_EVENTS: ServiceEvents = {
  source: SHIPPING_EVENT_SOURCE,
  events: {
    ShipmentScheduled: firstVersion(shipmentScheduledV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      shipmentId: `shp_${EXAMPLE_ORDER_ID}`,
      country: 'GB',
      declaredValue: { amount: 25, currency: 'GBP' },
    }),
    ShippingUnavailable: firstVersion(shippingUnavailableV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'orchestration',
      country: 'XX',
    }),
    ShipmentCancelled: firstVersion(shipmentCancelledV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      shipmentId: `shp_${EXAMPLE_ORDER_ID}`,
      cause: 'CANCELLED',
    }),
  } satisfies Record<ShippingEventType, EventVersions>,
};
