/**
 * Names the orders service's infrastructure (lib/) and its functions (lambdas/) must agree on, and the ones
 * other services rely on: the event source of everything it publishes, and the read model's indexes (the
 * stuck-order sweeper queries `byStatus`).
 */
export const ORDERS_EVENT_SOURCE = 'shop.orders';

/** OrderViews: a customer's orders, newest first. */
export const BY_CUSTOMER_INDEX = 'byCustomer';
/** OrderViews: orders in one status, by `updatedAt`. */
export const BY_STATUS_INDEX = 'byStatus';
/** Snapshots: by when they were taken (the sweeper of old snapshots). */
export const SNAPSHOTS_BY_TIME_INDEX = 'byOccurredAt';
