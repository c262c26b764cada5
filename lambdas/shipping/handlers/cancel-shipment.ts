import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { cancelShipmentTask } from './shipping-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = cancelShipmentTask({ shipments: shipmentsFromEnv() });
