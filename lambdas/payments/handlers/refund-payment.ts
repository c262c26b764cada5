import { paymentsFromEnv } from '../adapters/payments-from-env';
import { refundPaymentTask } from './payment-tasks';

// Composition root: the adapters are built once per cold start.
export const handler = refundPaymentTask(paymentsFromEnv());
