/**
 * The saga's contract: the names its infrastructure (lib/) and its functions (lambdas/saga) share. No
 * SDK, no adapter.
 */

/**
 * The metric of orders whose deadline passed and which the stuck-order sweeper settled (namespace `Shop`,
 * dimension `service: saga`): its alarm pages someone.
 */
export const PAST_DEADLINE_METRIC = 'OrdersPastDeadline';
export { METRICS_NAMESPACE } from '../../shared/metrics-namespace';
