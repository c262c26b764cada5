import * as z from 'zod/mini';
import {
  compensationCauseSchema,
  EXAMPLE_ORDER_ID,
  orderEventFields,
  orderItemSchema,
} from '../../orders/contract';
import { type EventVersions, firstVersion, type ServiceEvents } from '../../shared/events/event-versions';

/** The source of everything the inventory service publishes. */
export const INVENTORY_EVENT_SOURCE = 'shop.inventory';

const lines = z.array(orderItemSchema);

/** Every line of the order reserved, priced at the unit prices of the moment (`total`). */
const inventoryReservedV1 = z.object({
  ...orderEventFields,
  lines: lines.check(z.minLength(1)),
  total: z.number().check(z.minimum(0)),
});
/** Not enough of these SKUs: nothing reserved. A repeat of the request answers the same, ever after. */
const inventoryOutOfStockV1 = z.object({
  ...orderEventFields,
  skus: z.array(z.string()).check(z.minLength(1)),
});
/**
 * What the order had reserved is available again (`lines` empty: it had reserved nothing, and now never
 * will). `cause`: why, when the step that undid it knew.
 */
const inventoryReleasedV1 = z.object({
  ...orderEventFields,
  lines,
  cause: z.optional(compensationCauseSchema),
});

const LINES = [{ sku: 'BOOK-42', quantity: 2 }];

export const INVENTORY_EVENT_TYPES = [
  'InventoryReserved',
  'InventoryOutOfStock',
  'InventoryReleased',
] as const;
export type InventoryEventType = (typeof INVENTORY_EVENT_TYPES)[number];
export type InventoryReservedData = z.infer<typeof inventoryReservedV1>;
export type InventoryOutOfStockData = z.infer<typeof inventoryOutOfStockV1>;
export type InventoryReleasedData = z.infer<typeof inventoryReleasedV1>;

export const INVENTORY_EVENTS: ServiceEvents = {
  source: INVENTORY_EVENT_SOURCE,
  events: {
    InventoryReserved: firstVersion(inventoryReservedV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      lines: LINES,
      total: 25,
    }),
    InventoryOutOfStock: firstVersion(inventoryOutOfStockV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'orchestration',
      skus: ['BOOK-42'],
    }),
    InventoryReleased: firstVersion(inventoryReleasedV1, {
      orderId: EXAMPLE_ORDER_ID,
      sagaStyle: 'choreography',
      lines: LINES,
      cause: 'PAYMENT_DECLINED',
    }),
  } satisfies Record<InventoryEventType, EventVersions>,
};
