import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '../../shared/logger';
import { PAST_DEADLINE_METRIC } from '../contract';
import { type SweeperDeps, type SweepSettings, settleStuckOrders } from '../use-cases/settle-stuck-orders';

/**
 * The schedule's target: one sweep, its outcome logged with every order id, and the orders it settled
 * (their deadline passed: rejected DEADLINE_EXCEEDED, compensated) counted as `OrdersPastDeadline`, whose
 * alarm says something kept an order from being decided. A failed settlement is logged as an error and
 * tried again by the next sweep.
 */
export function settleStuckOrdersHandler(
  deps: SweeperDeps & { readonly metrics: Metrics },
  settings: SweepSettings,
) {
  return async (): Promise<{ settled: number; left: number; failed: number }> => {
    const report = await settleStuckOrders(deps, settings);
    const counts = { settled: report.settled.length, left: report.left.length, failed: report.failed.length };
    if (report.failed.length > 0) logger.error('stuck orders could not be settled yet', { ...report });
    else logger.info('stuck orders swept', { ...report });
    if (report.settled.length > 0) {
      logger.warn('orders past their deadline rejected DEADLINE_EXCEEDED', { orderIds: report.settled });
    }
    deps.metrics.addMetric(PAST_DEADLINE_METRIC, MetricUnit.Count, report.settled.length);
    deps.metrics.publishStoredMetrics();
    return counts;
  };
}
