import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../../shared/metrics-namespace';
import { askAgainFromEnv } from '../adapters/labels-from-env';
import { shipmentsFromEnv } from '../adapters/shipments-from-env';
import { labelDeadlines } from './labels';

// Composition root: the adapters are built once per cold start.
export const handler = labelDeadlines({
  shipments: shipmentsFromEnv(),
  now: () => new Date(),
  askAgain: askAgainFromEnv(),
  metrics: new Metrics({ namespace: METRICS_NAMESPACE }),
});
