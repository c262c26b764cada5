import * as z from 'zod/mini';
import '../../shared/validation-messages';

/**
 * `PUT /inventory/{sku}` (non-production stages): the stock to make available, and optionally its price and
 * the name the catalogue shows.
 */
export const setStockRequestSchema = z.strictObject({
  available: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  unitPrice: z.optional(z.number().check(z.minimum(0), z.maximum(1_000_000))),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});

/** `GET /products/{sku}` (public, anonymous, cached at the gateway): the catalogue's view of a SKU. */
export const PRODUCT_ROUTE = { method: 'GET', path: '/products/{sku}' } as const;

export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
