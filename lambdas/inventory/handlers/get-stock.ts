import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { getStockHandler } from './stock-handlers';

// Composition root: the adapters are built once per cold start.
export const handler = getStockHandler({ inventory: inventoryFromEnv() });
