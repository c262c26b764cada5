import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { getProductHandler } from './stock-handlers';

// Composition root: the adapters are built once per cold start.
export const handler = getProductHandler({ inventory: inventoryFromEnv() });
