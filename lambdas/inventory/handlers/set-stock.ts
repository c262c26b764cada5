import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { setStockHandler } from './stock-handlers';

// Composition root: the adapters are built once per cold start.
export const handler = setStockHandler({ inventory: inventoryFromEnv() });
