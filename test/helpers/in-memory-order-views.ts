import type { OrderView } from '../../lambdas/orders/domain/order-view';
import type {
  CustomerOrdersPage,
  CustomerOrdersPosition,
  OrderViews,
} from '../../lambdas/orders/ports/order-views';

/** The OrderViews port in memory, with the adapter's conditional-write contract, counting writes. */
export class InMemoryOrderViews implements OrderViews {
  readonly items = new Map<string, OrderView>();
  /** Conditional writes that were applied, and those refused because the stored version had moved. */
  writes = 0;
  refused = 0;

  async get(orderId: string): Promise<OrderView | undefined> {
    return structuredClone(this.items.get(orderId));
  }

  async getMany(orderIds: readonly string[]): Promise<Map<string, OrderView>> {
    const found = new Map<string, OrderView>();
    for (const id of orderIds) {
      const view = this.items.get(id);
      if (view !== undefined) found.set(id, structuredClone(view));
    }
    return found;
  }

  async put(view: OrderView, expectedVersion: number): Promise<boolean> {
    if ((this.items.get(view.orderId)?.version ?? 0) !== expectedVersion) {
      this.refused++;
      return false;
    }
    this.writes++;
    this.items.set(view.orderId, structuredClone(view));
    return true;
  }

  async listByCustomer(
    customerId: string,
    limit: number,
    after?: CustomerOrdersPosition,
  ): Promise<CustomerOrdersPage> {
    const key = (v: { createdAt: string; orderId: string }) => `${v.createdAt}#${v.orderId}`;
    const all = [...this.items.values()]
      .filter((v) => v.customerId === customerId && (after === undefined || key(v) < key(after)))
      .sort((a, b) => (key(a) < key(b) ? 1 : -1));
    const items = all.slice(0, limit);
    const last = items.at(-1);
    return all.length > limit && last
      ? { items, next: { createdAt: last.createdAt, orderId: last.orderId } }
      : { items };
  }
}
