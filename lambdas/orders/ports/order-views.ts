import type { OrderView } from '../domain/order-view';

export interface CustomerOrdersPage {
  readonly items: OrderView[];
  /** Where the next page starts (newest first), absent on the last page. */
  readonly next?: CustomerOrdersPosition;
}

/** A position in one customer's listing: the last view returned. */
export interface CustomerOrdersPosition {
  readonly createdAt: string;
  readonly orderId: string;
}

/** The `OrderViews` read model: one item per order, written only by the projection. */
export interface OrderViews {
  get(orderId: string): Promise<OrderView | undefined>;
  /** Consistent reads of many views at once (the projector's batch). */
  getMany(orderIds: readonly string[]): Promise<Map<string, OrderView>>;
  /**
   * Writes `view` only if the stored one is still at `expectedVersion` (0: none stored yet). Returns false
   * when another writer moved it first, so the caller re-reads instead of overwriting.
   */
  put(view: OrderView, expectedVersion: number): Promise<boolean>;
  listByCustomer(
    customerId: string,
    limit: number,
    after?: CustomerOrdersPosition,
  ): Promise<CustomerOrdersPage>;
}
