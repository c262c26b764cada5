import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { scheduleShipmentTask } from './shipping-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = scheduleShipmentTask({ shipments: shipmentsFromEnv() });
