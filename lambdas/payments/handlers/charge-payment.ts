import { paymentsFromEnv } from '../adapters/payments-from-env';
import { chargePaymentTask } from './payment-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = chargePaymentTask(paymentsFromEnv());
