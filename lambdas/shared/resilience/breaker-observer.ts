import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BreakerObserver } from './circuit-breaker';

/**
 * Every transition as a log line and an EMF metric (`CircuitBreakerTransition`, dimensions `breaker` and
 * `to`), every rejected call as `CircuitBreakerRejected`: an alarm on `to = OPEN` pages before customers
 * notice. Each is a single metric, written (EMF, to stdout) at once.
 */
export function powertoolsBreakerObserver(metrics: Metrics, logger: Logger): BreakerObserver {
  return {
    transition(breaker, from, to) {
      logger.warn('circuit breaker transition', { breaker, from, to });
      const metric = metrics.singleMetric();
      metric.addDimensions({ breaker, to });
      metric.addMetric('CircuitBreakerTransition', MetricUnit.Count, 1);
    },
    rejected(breaker, status) {
      logger.info('circuit breaker rejected a call', { breaker, status });
      const metric = metrics.singleMetric();
      metric.addDimension('breaker', breaker);
      metric.addMetric('CircuitBreakerRejected', MetricUnit.Count, 1);
    },
  };
}
