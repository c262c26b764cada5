import type { CustomerDirectory } from '../../lambdas/orders/ports/customer-directory';

/**
 * The orders service's view of customers, in memory: for tests whose subject is not the customer check
 * (the event store, projections, the saga), where any order's customer simply exists. The check itself
 * is tested through the HTTP adapter against the real customers handler and, end to end, through the
 * local cloud's IAM-authorized API.
 */
export class InMemoryCustomerDirectory implements CustomerDirectory {
  private readonly known: Set<string>;
  /** Every customer id asked about, in order. */
  readonly asked: string[] = [];

  constructor(known: Iterable<string>) {
    this.known = new Set(known);
  }

  async exists(customerId: string): Promise<boolean> {
    this.asked.push(customerId);
    return this.known.has(customerId);
  }
}
