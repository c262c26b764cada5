import * as z from 'zod/mini';
import {
  compensationCauseSchema,
  EXAMPLE_ORDER_ID,
  moneySchema,
  orderEventFields,
} from '../../orders/contract';
import { type EventVersions, firstVersion, type ServiceEvents } from '../../shared/events/event-versions';
import { LABEL_FAILURE_REASONS } from './api';

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

/**
 * The label events: after the order's confirmation, not saga steps (no `sagaStyle`). `requestId` is the
 * correlation id of the label request to the carrier, which its reply carries back.
 */
const labelFields = {
  orderId: z.string().check(z.minLength(1)),
  shipmentId: z.string().check(z.minLength(1)),
  requestId: z.string().check(z.minLength(1)),
};
/** The shipment's label was asked of the carrier. */
const shipmentLabelRequestedV1 = z.object(labelFields);
/**
 * v2: which request of the shipment's label this is (`attempt`, 1 for the first): one whose deadline passed
 * unanswered is superseded by a new request, a new `requestId`, up to the stage's number of attempts. Every
 * v1 request was a first one.
 */
const shipmentLabelRequestedV2 = z.object({ ...labelFields, attempt: z.int().check(z.minimum(1)) });
/** The carrier gave the label: who carries the parcel, and its tracking number. */
const shipmentLabelledV1 = z.object({
  ...labelFields,
  carrier: z.string().check(z.minLength(1)),
  trackingNumber: z.string().check(z.minLength(1)),
});
/**
 * No label: the carrier did not answer by the deadline of the last attempt (`requestId` is that attempt's; a
 * later answer to any attempt changes nothing).
 */
const shipmentLabelFailedV1 = z.object({ ...labelFields, reason: z.enum(LABEL_FAILURE_REASONS) });

export const SHIPPING_EVENT_TYPES = [
  'ShipmentScheduled',
  'ShippingUnavailable',
  'ShipmentCancelled',
  'ShipmentLabelRequested',
  'ShipmentLabelled',
  'ShipmentLabelFailed',
] as const;
export type ShippingEventType = (typeof SHIPPING_EVENT_TYPES)[number];
export type ShipmentScheduledData = z.infer<typeof shipmentScheduledV1>;
export type ShippingUnavailableData = z.infer<typeof shippingUnavailableV1>;
export type ShipmentCancelledData = z.infer<typeof shipmentCancelledV1>;
export type ShipmentLabelRequestedData = z.infer<typeof shipmentLabelRequestedV2>;
export type ShipmentLabelledData = z.infer<typeof shipmentLabelledV1>;
export type ShipmentLabelFailedData = z.infer<typeof shipmentLabelFailedV1>;

const LABEL_EXAMPLE = {
  orderId: EXAMPLE_ORDER_ID,
  shipmentId: `shp_${EXAMPLE_ORDER_ID}`,
  requestId: `${EXAMPLE_ORDER_ID}~5d0c7a52-3b8e-4f61-9a27-c1e4b8d2f903`,
};

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
    ShipmentLabelRequested: {
      current: 2,
      schemas: { 1: shipmentLabelRequestedV1, 2: shipmentLabelRequestedV2 },
      upcasters: {
        1: (v1: z.infer<typeof shipmentLabelRequestedV1>): ShipmentLabelRequestedData => ({
          ...v1,
          attempt: 1,
        }),
      },
      examples: { 1: LABEL_EXAMPLE, 2: { ...LABEL_EXAMPLE, attempt: 2 } },
    },
    ShipmentLabelled: firstVersion(shipmentLabelledV1, {
      ...LABEL_EXAMPLE,
      carrier: 'Stub Parcels',
      trackingNumber: 'SP4F1C2B9E8D7A6F5E',
    }),
    ShipmentLabelFailed: firstVersion(shipmentLabelFailedV1, { ...LABEL_EXAMPLE, reason: 'CARRIER_TIMEOUT' }),
  } satisfies Record<ShippingEventType, EventVersions>,
};
