import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { labelReplies } from './labels';

// Composition root: the adapters are built once per cold start.
export const handler = labelReplies({ shipments: shipmentsFromEnv(), now: () => new Date() });
