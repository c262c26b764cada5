import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { labelDeadlines } from './labels';

// Composition root: the adapters are built once per cold start.
export const handler = labelDeadlines({ shipments: shipmentsFromEnv(), now: () => new Date() });
