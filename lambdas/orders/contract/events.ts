import * as z from 'zod/mini';
import {
  type EventVersions,
  firstVersion,
  readEventData,
  type ServiceEvents,
} from '../../shared/events/event-versions';
import { EXAMPLE_ORDER_ID } from './event-fields';
import { ORDERS_EVENT_SOURCE } from './names';
import { orderItemSchema, shippingAddressSchema } from './requests';
import {
  CURRENCIES,
  type Currency,
  REJECTION_REASONS,
  type RejectionReason,
  SAGA_STYLES,
  type SagaStyle,
} from './vocabulary';

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
}

export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface OrderPlacedData {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly currency: Currency;
  readonly paymentToken: string;
  readonly shippingAddress: ShippingAddress;
  readonly sagaStyle: SagaStyle;
  readonly callbackUrl?: string;
}

/** Every event the orders service writes and publishes, in its current schema version, by `type`. */
export type OrderEventData =
  | { readonly type: 'OrderPlaced'; readonly data: OrderPlacedData }
  | {
      readonly type: 'OrderConfirmed';
      /** `orderId` absent only in events written before v2. */
      readonly data: { readonly total: number; readonly orderId?: string };
    }
  | { readonly type: 'OrderRejected'; readonly data: { readonly reason: RejectionReason } }
  | {
      readonly type: 'OrderCancellationRequested';
      readonly data: { readonly orderId: string; readonly reason: string };
    }
  | { readonly type: 'OrderCancelled'; readonly data: { readonly reason: string } }
  | { readonly type: 'OrderNoteAdded'; readonly data: { readonly author: string; readonly note: string } };

export type OrderEventType = OrderEventData['type'];

/**
 * Versioned schemas of the events the orders service writes, and the upcasters between versions. Events
 * are immutable, so an old version stays in the store forever: reading parses the stored data with the
 * schema of its own version, then walks the upcaster chain to the current version. A malformed or unknown
 * event stops the replay loudly instead of producing a wrong order.
 */
const orderPlacedV1Shape = {
  orderId: z.string(),
  customerId: z.string(),
  items: z.array(orderItemSchema).check(z.minLength(1)),
  paymentToken: z.string(),
  shippingAddress: shippingAddressSchema,
  sagaStyle: z.enum(SAGA_STYLES),
  callbackUrl: z.optional(z.string()),
};
export const orderPlacedV1 = z.object(orderPlacedV1Shape);
/** v2 (multi-currency): the order's currency. Every v1 order was placed in euros. */
export const orderPlacedV2 = z.object({ ...orderPlacedV1Shape, currency: z.enum(CURRENCIES) });

const orderConfirmedV1 = z.object({ total: z.number().check(z.minimum(0)) });
/**
 * v2 names its order, so that a service acting on a confirmation (shipping asks its carrier for a label)
 * knows which: as OrderCancellationRequested does. Optional, because the v1 events written before cannot
 * be given it (an upcaster has no order id to add): a consumer that needs it passes over those.
 */
const orderConfirmedV2 = z.object({
  total: z.number().check(z.minimum(0)),
  orderId: z.optional(z.string().check(z.minLength(1))),
});
/** v1 knew the reasons before the order deadline; v2 adds DEADLINE_EXCEEDED (a v1 reason is a v2 reason). */
const orderRejectedV1 = z.object({
  reason: z.enum([
    'OUT_OF_STOCK',
    'PAYMENT_DECLINED',
    'PAYMENT_UNAVAILABLE',
    'SHIPPING_UNAVAILABLE',
    'FULFILMENT_FAILED',
  ]),
});
const orderRejectedV2 = z.object({ reason: z.enum(REJECTION_REASONS) });
/** Carries its order's id: the services that undo their part (shipping first) act on it. */
const orderCancellationRequestedV1 = z.object({ orderId: z.string(), reason: z.string() });
const orderCancelledV1 = z.object({ reason: z.string() });
const orderNoteAddedV1 = z.object({ author: z.string(), note: z.string() });

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'London',
  postalCode: 'N1 9GU',
  country: 'GB',
};
const PLACED_V1 = {
  orderId: EXAMPLE_ORDER_ID,
  customerId: 'cus_4f1c2b9e8d7a6f5e4d3c2b1a09f8e7d6',
  items: [{ sku: 'BOOK-42', quantity: 2 }],
  paymentToken: 'tok_ok',
  shippingAddress: ADDRESS,
  sagaStyle: 'orchestration',
};

export const ORDER_EVENTS: Readonly<Record<OrderEventType, EventVersions>> = {
  OrderPlaced: {
    current: 2,
    schemas: { 1: orderPlacedV1, 2: orderPlacedV2 },
    upcasters: {
      1: (v1: z.infer<typeof orderPlacedV1>): z.infer<typeof orderPlacedV2> => ({ ...v1, currency: 'EUR' }),
    },
    examples: { 1: PLACED_V1, 2: { ...PLACED_V1, currency: 'GBP' } },
  },
  OrderConfirmed: {
    current: 2,
    schemas: { 1: orderConfirmedV1, 2: orderConfirmedV2 },
    upcasters: {
      1: (v1: z.infer<typeof orderConfirmedV1>): z.infer<typeof orderConfirmedV2> => v1,
    },
    examples: { 1: { total: 25 }, 2: { total: 25, orderId: PLACED_V1.orderId } },
  },
  OrderRejected: {
    current: 2,
    schemas: { 1: orderRejectedV1, 2: orderRejectedV2 },
    upcasters: { 1: (v1: z.infer<typeof orderRejectedV1>): z.infer<typeof orderRejectedV2> => v1 },
    examples: { 1: { reason: 'OUT_OF_STOCK' }, 2: { reason: 'DEADLINE_EXCEEDED' } },
  },
  OrderCancellationRequested: firstVersion(orderCancellationRequestedV1, {
    orderId: PLACED_V1.orderId,
    reason: 'customer asked',
  }),
  OrderCancelled: firstVersion(orderCancelledV1, { reason: 'customer asked' }),
  OrderNoteAdded: firstVersion(orderNoteAddedV1, { author: 'support', note: 'Gift wrap, please.' }),
};

/** What the orders service publishes on the bus: the catalogue and the contract tests read it. */
export const ORDERS_EVENTS: ServiceEvents = { source: ORDERS_EVENT_SOURCE, events: ORDER_EVENTS };

export { UnknownEventError } from '../../shared/events/event-versions';

export function isOrderEventType(type: string): type is OrderEventType {
  return Object.hasOwn(ORDER_EVENTS, type);
}

export function currentSchemaVersion(type: OrderEventType): number {
  return ORDER_EVENTS[type].current;
}

/**
 * Parses stored event data of any known version and upcasts it to the current one. `where` names the
 * event in error messages (aggregate and version).
 */
export function upcast(type: string, schemaVersion: number, data: unknown, where: string): OrderEventData {
  return { type, data: readEventData(ORDERS_EVENTS, type, schemaVersion, data, where) } as OrderEventData;
}
