import * as z from 'zod/mini';
import type { OrderPlacedData } from '../../orders/contract';
import { upcast } from '../../orders/contract';

/**
 * What the place-order saga starts from: the `OrderPlaced` domain event as the bus delivers it (the
 * envelope from DESIGN.md), read at any schema version (a replay from the archive may carry old ones).
 */
const envelope = z.object({
  metadata: z.object({
    eventId: z.string(),
    correlationId: z.string(),
    schemaVersion: z.number(),
  }),
  data: z.unknown(),
});

export interface SagaInput {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: OrderPlacedData['items'];
  readonly currency: string;
  readonly paymentToken: string;
  readonly shippingAddress: OrderPlacedData['shippingAddress'];
  readonly correlationId: string;
}

export function sagaInputFrom(detail: unknown): SagaInput {
  const { metadata, data } = envelope.parse(detail);
  const placed = upcast('OrderPlaced', metadata.schemaVersion, data, metadata.eventId);
  if (placed.type !== 'OrderPlaced') throw new Error(`Expected OrderPlaced, got ${placed.type}.`);
  const { orderId, customerId, items, currency, paymentToken, shippingAddress } = placed.data;
  return {
    orderId,
    customerId,
    items,
    currency,
    paymentToken,
    shippingAddress,
    correlationId: metadata.correlationId,
  };
}
