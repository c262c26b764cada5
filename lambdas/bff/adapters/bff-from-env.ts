import { Metrics } from '@aws-lambda-powertools/metrics';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { documentClient } from '../../shared/aws/clients';
import { DynamoDbBreakerStore } from '../../shared/aws/dynamodb-breaker-store';
import { integerSetting, readConfig } from '../../shared/config';
import { InternalApiClient } from '../../shared/http/internal-api-client';
import { signedFetch } from '../../shared/http/signed-fetch';
import { logger } from '../../shared/logger';
import { METRICS_NAMESPACE } from '../../shared/metrics-namespace';
import { powertoolsBreakerObserver } from '../../shared/resilience/breaker-observer';
import { CircuitBreaker } from '../../shared/resilience/circuit-breaker';
import { BACKEND_URL_ENV, BACKENDS, type Backend, backendBreaker } from '../contract';
import { BackendFailure } from '../domain/part-problem';
import type { MyOrdersDeps } from '../use-cases/my-orders';
import { httpShopBackends } from './http-shop-backends';

/** Everything a BFF function uses, from its environment (read once per cold start). */
export function bffFromEnv(): MyOrdersDeps {
  const config = readConfig([
    ...(Object.values(BACKEND_URL_ENV) as (typeof BACKEND_URL_ENV)[Backend][]),
    'AWS_REGION',
    'BREAKER_TABLE_NAME',
    'DEADLINE_MS',
    'PART_TIMEOUT_MS',
    'COMMAND_TIMEOUT_MS',
    'BREAKER_FAILURES',
    'BREAKER_WINDOW_MS',
    'BREAKER_OPEN_MS',
    'BREAKER_PROBE_TIMEOUT_MS',
    'BREAKER_CLOSED_STATE_TTL_MS',
  ]);
  const setting = (name: keyof typeof config) => integerSetting(name, config[name], 1);
  // Signed with the function role's credentials: each internal API lets in only the methods granted it.
  const fetchFn = signedFetch({ region: config.AWS_REGION, credentials: fromEnv() });
  const client = (backend: Backend) =>
    new InternalApiClient(
      backend,
      config[BACKEND_URL_ENV[backend]],
      setting('COMMAND_TIMEOUT_MS'),
      fetchFn,
      (message) => new BackendFailure(message),
    );
  const store = new DynamoDbBreakerStore(documentClient(), config.BREAKER_TABLE_NAME);
  const observer = powertoolsBreakerObserver(new Metrics({ namespace: METRICS_NAMESPACE }), logger);
  const breaker = (backend: Backend) =>
    new CircuitBreaker({
      name: backendBreaker(backend),
      store,
      settings: {
        threshold: { kind: 'count', failures: setting('BREAKER_FAILURES') },
        windowMs: setting('BREAKER_WINDOW_MS'),
        openMs: setting('BREAKER_OPEN_MS'),
        probeTimeoutMs: setting('BREAKER_PROBE_TIMEOUT_MS'),
      },
      observer,
      closedStateTtlMs: integerSetting('BREAKER_CLOSED_STATE_TTL_MS', config.BREAKER_CLOSED_STATE_TTL_MS, 0),
    });
  return {
    backends: httpShopBackends({
      orders: client('orders'),
      customers: client('customers'),
      payments: client('payments'),
      shipping: client('shipping'),
    }),
    breakers: Object.fromEntries(BACKENDS.map((backend) => [backend, breaker(backend)])) as Record<
      Backend,
      CircuitBreaker
    >,
    deadlineMs: setting('DEADLINE_MS'),
    partTimeoutMs: setting('PART_TIMEOUT_MS'),
  };
}
