import { inventoryFromEnv } from '../adapters/inventory-from-env';
import { releaseInventoryTask } from './reservation-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = releaseInventoryTask({ inventory: inventoryFromEnv() });
