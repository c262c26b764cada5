/**
 * The words the orders service shares with every other service and with the infrastructure: an order's
 * statuses, why one is rejected, the currencies and the two saga styles. Changing one is a contract
 * change (see docs/contracts.md).
 */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const REJECTION_REASONS = [
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'PAYMENT_UNAVAILABLE',
  'SHIPPING_UNAVAILABLE',
  // A step kept failing for no business reason (crashed, timed out) after its retries; compensated.
  'FULFILMENT_FAILED',
  // Since OrderRejected v2: still undecided when its deadline passed (a saga that never finished, a
  // choreography whose next event never came); the stuck-order sweeper compensated and rejected it.
  'DEADLINE_EXCEEDED',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
/** The orchestrated saga rejects with it when a step's retries are exhausted. */
export const FULFILMENT_FAILED = 'FULFILMENT_FAILED' satisfies RejectionReason;
/** The stuck-order sweeper rejects with it, in either saga style. */
export const DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED' satisfies RejectionReason;

/**
 * Why a step of an order was undone, as the services' compensation events say: the reason the order is
 * being rejected, or its cancellation. Carried back along the compensations so that the last one tells
 * orders how the order ends.
 */
export const COMPENSATION_CAUSES = [...REJECTION_REASONS, 'CANCELLED'] as const;
export type CompensationCause = (typeof COMPENSATION_CAUSES)[number];

/** The currencies the shop sells in; before OrderPlaced v2 it sold in euros only. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const DEFAULT_CURRENCY: Currency = 'EUR';

/** How an order is fulfilled: by the Step Functions saga, or by the services reacting to each other's events. */
export const SAGA_STYLES = ['orchestration', 'choreography'] as const;
export type SagaStyle = (typeof SAGA_STYLES)[number];
export const DEFAULT_SAGA_STYLE: SagaStyle = 'orchestration';
