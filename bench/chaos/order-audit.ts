import { orderState, type PlacedOrder, QUANTITY, STOCK, stockOf } from './chaos-orders';
import type { Expected } from './fault-matrix';
import type { Charge, ShopUnderTest } from './shop-under-test';

/**
 * The checks on one order once its saga is over, from the outside: its events (through the API), its
 * SKU's stock, and the provider's own ledger.
 *
 * - lost: accepted (202) but the API knows no such order;
 * - stuck: still PENDING once its execution has ended (or none ever started);
 * - ledger: CONFIRMED must have captured exactly its total; REJECTED must have kept nothing (no charge,
 *   declined, voided, or refunded in full);
 * - stock: conserved (available + reserved is what was stocked), reserved for a CONFIRMED order, all back
 *   for a REJECTED one;
 * - unexpected: a final state other than the one the fault must end in.
 */
export interface OrderAudit {
  readonly orderId: string;
  /** `CONFIRMED`, `REJECTED <reason>`, `PENDING`, or `LOST`. */
  readonly outcome: string;
  readonly lost: boolean;
  readonly stuck: boolean;
  /** For a stuck order: what it holds meanwhile (the provider's record, the stock). */
  readonly holds?: string;
  readonly ledger?: string;
  readonly stock?: string;
  readonly unexpected?: string;
}

export async function auditOrder(
  shop: ShopUnderTest,
  order: PlacedOrder,
  expected: Expected,
): Promise<OrderAudit> {
  const state = await orderState(order.orderId);
  if (state === undefined) return { orderId: order.orderId, outcome: 'LOST', lost: true, stuck: false };
  const outcome =
    state.status === 'REJECTED' ? `REJECTED ${state.rejectionReason ?? '(no reason)'}` : state.status;
  const [charge, stock] = await Promise.all([shop.chargeOf(order.orderId), stockOf(order.sku)]);
  const ledger = ledgerProblem(state.status, state.total, charge);
  const stockProblem = stockProblemOf(state.status, stock);
  const decided = state.status === 'CONFIRMED' || state.status === 'REJECTED';
  const unexpected =
    decided && expected !== 'DECIDED' && outcome !== expected
      ? `${outcome}, expected ${expected}`
      : undefined;
  return {
    orderId: order.orderId,
    outcome,
    lost: false,
    stuck: state.status === 'PENDING',
    ...(state.status === 'PENDING'
      ? {
          holds: `the provider has ${charge === undefined ? 'no charge' : `${charge.status} ${charge.amount}`}, available ${stock.available}, reserved ${stock.reserved}`,
        }
      : {}),
    ...(ledger ? { ledger } : {}),
    ...(stockProblem ? { stock: stockProblem } : {}),
    ...(unexpected ? { unexpected } : {}),
  };
}

/** What the provider kept: a captured charge, or what a partial refund left. */
export function netCaptured(charge: Charge | undefined): number {
  if (charge?.status === 'captured') return charge.amount;
  if (charge?.status === 'refunded') return charge.amount - charge.refundedAmount;
  return 0;
}

export function ledgerProblem(status: string, total: number | null, charge: Charge | undefined) {
  const seen = charge === undefined ? 'no charge' : `${charge.status} ${charge.amount}`;
  if (status === 'CONFIRMED' && (charge?.status !== 'captured' || charge.amount !== total))
    return `CONFIRMED for ${total} but the provider has ${seen}`;
  if (status === 'REJECTED' && netCaptured(charge) !== 0)
    return `REJECTED but the provider kept ${netCaptured(charge)} (${seen}, refunded ${charge?.refundedAmount})`;
  return undefined;
}

export function stockProblemOf(status: string, stock: { available: number; reserved: number }) {
  const seen = `available ${stock.available}, reserved ${stock.reserved}`;
  if (stock.available + stock.reserved !== STOCK) return `stock not conserved: ${seen} of ${STOCK}`;
  if (status === 'CONFIRMED' && stock.reserved !== QUANTITY) return `CONFIRMED with ${seen}`;
  if (status === 'REJECTED' && stock.reserved !== 0) return `REJECTED with ${seen}`;
  return undefined;
}
