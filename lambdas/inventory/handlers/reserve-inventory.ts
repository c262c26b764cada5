import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { reserveInventoryTask } from './reservation-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = reserveInventoryTask({ inventory: inventoryFromEnv() });
