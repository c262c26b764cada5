import { DEFAULT_CURRENCY } from '../../orders/contract';
import { InvalidRequestError, NotFoundError } from '../../shared/errors';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { parseJsonBody } from '../../shared/http/json-body';
import { SKU, setStockRequestSchema } from '../contract';
import type { Stock } from '../domain/stock';
import type { InventoryStore } from '../ports/inventory-store';

function skuOf(raw: string | undefined): string {
  if (raw === undefined || !SKU.test(raw)) {
    throw new InvalidRequestError('sku must be 1-64 letters, digits, dots, dashes or underscores.', [
      { path: 'sku', message: 'invalid sku' },
    ]);
  }
  return raw;
}

const view = ({ sku, available, reserved, unitPrice, name }: Stock) => ({
  sku,
  available,
  reserved,
  unitPrice,
  ...(name === undefined ? {} : { name }),
});

/** `PUT /inventory/{sku}`: a test hook of non-production stages; sets what is available. */
export function setStockHandler(deps: { readonly inventory: InventoryStore }): ProxyHandler {
  return httpHandler(async (request) => {
    const sku = skuOf(request.pathParameter('sku'));
    const { available, unitPrice, name } = parseJsonBody(
      request.body,
      request.isBase64Encoded,
      setStockRequestSchema,
    );
    return { status: 200, body: view(await deps.inventory.setStock(sku, available, unitPrice, name)) };
  });
}

/** `GET /inventory/{sku}`: `{ sku, available, reserved, unitPrice }`; a SKU never stocked is 404. */
export function getStockHandler(deps: { readonly inventory: InventoryStore }): ProxyHandler {
  return httpHandler(async (request) => {
    const sku = skuOf(request.pathParameter('sku'));
    const stock = await deps.inventory.getStock(sku);
    if (stock === undefined) throw new NotFoundError(`No stock was ever set for ${sku}.`);
    return { status: 200, body: view(stock) };
  });
}

/**
 * `GET /products/{sku}`: the catalogue's view, `{ sku, name, unitPrice, currency, available }` (the name is
 * the SKU until someone names it), for anyone; a SKU never stocked is 404. Cached at the gateway: a price
 * or stock change shows once the entry expires (or a caller allowed to invalidates it).
 */
export function getProductHandler(deps: { readonly inventory: InventoryStore }): ProxyHandler {
  return httpHandler(async (request) => {
    const sku = request.pathParameter('sku') ?? '';
    const stock = SKU.test(sku) ? await deps.inventory.getStock(sku) : undefined;
    if (stock === undefined) throw new NotFoundError(`There is no product ${sku}.`);
    const { name, unitPrice, available } = stock;
    return {
      status: 200,
      body: { sku, name: name ?? sku, unitPrice, currency: DEFAULT_CURRENCY, available },
    };
  });
}
