/**
 * What a consumer keeps from events that must meet before it can act, per order: payments needs the charge
 * terms from OrderPlaced and the amount from InventoryReserved, in whichever order they arrive ("keep what
 * you need": no service asks another for it).
 */
export interface OrderFacts<T extends object> {
  /** Adds these facts to the order's, and returns all it has now. */
  add(orderId: string, facts: Partial<T>): Promise<Partial<T>>;
}
