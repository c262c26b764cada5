import * as z from 'zod/mini';
import { orderItemSchema, shippingAddressSchema } from './place-order-request';

/**
 * Versioned schemas of the events the orders service writes. A stored event is parsed with the schema of
 * its `type` and `schemaVersion` on the way back into the domain, so a malformed or unknown event stops
 * the replay loudly instead of producing a wrong order.
 */
export const orderPlacedV1 = z.object({
  orderId: z.string(),
  customerId: z.string(),
  items: z.array(orderItemSchema).check(z.minLength(1)),
  paymentToken: z.string(),
  shippingAddress: shippingAddressSchema,
  sagaStyle: z.enum(['orchestration', 'choreography']),
  callbackUrl: z.optional(z.string()),
});

export const ORDER_EVENT_SCHEMAS = {
  OrderPlaced: { 1: orderPlacedV1 },
} as const;

export type OrderEventType = keyof typeof ORDER_EVENT_SCHEMAS;

/** The schema version new events of each type are written with. */
export const CURRENT_SCHEMA_VERSION: Record<OrderEventType, number> = {
  OrderPlaced: 1,
};
