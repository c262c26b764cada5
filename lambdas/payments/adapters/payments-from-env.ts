import { Metrics } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../../shared/aws/clients';
import { DynamoDbBreakerStore } from '../../shared/aws/dynamodb-breaker-store';
import { jsonSecret } from '../../shared/aws/json-secret';
import { integerSetting, readConfig } from '../../shared/config';
import { logger } from '../../shared/logger';
import { METRICS_NAMESPACE } from '../../shared/metrics-namespace';
import { powertoolsBreakerObserver } from '../../shared/resilience/breaker-observer';
import { CircuitBreaker } from '../../shared/resilience/circuit-breaker';
import { PROVIDER_BREAKER } from '../contract';
import { providerAccountSchema } from '../schemas/provider-account';
import type { PaymentsDeps } from '../use-cases/payments';
import { DynamoDbPaymentsStore } from './dynamodb-payments-store';
import { HttpPaymentProvider } from './http-payment-provider';

/** Everything the payment tasks use, from their environment (read once per cold start). */
export function paymentsFromEnv(): PaymentsDeps {
  const config = readConfig([
    'PAYMENTS_TABLE_NAME',
    'OUTBOX_TABLE_NAME',
    'BREAKER_TABLE_NAME',
    'PROVIDER_ACCOUNT_SECRET_ARN',
    'PROVIDER_TIMEOUT_MS',
    'BREAKER_FAILURES',
    'BREAKER_WINDOW_MS',
    'BREAKER_OPEN_MS',
    'BREAKER_PROBE_TIMEOUT_MS',
  ]);
  const client = documentClient();
  return {
    payments: new DynamoDbPaymentsStore(client, config.PAYMENTS_TABLE_NAME, config.OUTBOX_TABLE_NAME),
    provider: new HttpPaymentProvider(
      jsonSecret(config.PROVIDER_ACCOUNT_SECRET_ARN, providerAccountSchema),
      integerSetting('PROVIDER_TIMEOUT_MS', config.PROVIDER_TIMEOUT_MS, 1),
    ),
    breaker: new CircuitBreaker({
      name: PROVIDER_BREAKER,
      store: new DynamoDbBreakerStore(client, config.BREAKER_TABLE_NAME),
      settings: {
        threshold: {
          kind: 'count',
          failures: integerSetting('BREAKER_FAILURES', config.BREAKER_FAILURES, 1),
        },
        windowMs: integerSetting('BREAKER_WINDOW_MS', config.BREAKER_WINDOW_MS, 1),
        openMs: integerSetting('BREAKER_OPEN_MS', config.BREAKER_OPEN_MS, 1),
        probeTimeoutMs: integerSetting('BREAKER_PROBE_TIMEOUT_MS', config.BREAKER_PROBE_TIMEOUT_MS, 1),
      },
      observer: powertoolsBreakerObserver(new Metrics({ namespace: METRICS_NAMESPACE }), logger),
    }),
  };
}
