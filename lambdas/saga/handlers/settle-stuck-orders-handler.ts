import { logger } from '../../shared/logger';
import { type SweeperDeps, type SweepSettings, settleStuckOrders } from '../use-cases/settle-stuck-orders';

/** The schedule's target: one sweep, its outcome logged (a failed settlement also keeps the alarm up). */
export function settleStuckOrdersHandler(deps: SweeperDeps, settings: SweepSettings) {
  return async (): Promise<{ settled: number; left: number; failed: number }> => {
    const report = await settleStuckOrders(deps, settings);
    const counts = { settled: report.settled.length, left: report.left.length, failed: report.failed.length };
    if (report.failed.length > 0) logger.error('stuck orders could not be settled yet', { ...report });
    else logger.info('stuck orders swept', { ...report });
    return counts;
  };
}
