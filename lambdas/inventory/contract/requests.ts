import * as z from 'zod/mini';
import '../../shared/validation-messages';

/** `PUT /inventory/{sku}` (non-production stages): the stock to make available, and optionally its price. */
export const setStockRequestSchema = z.strictObject({
  available: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  unitPrice: z.optional(z.number().check(z.minimum(0), z.maximum(1_000_000))),
});

export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
