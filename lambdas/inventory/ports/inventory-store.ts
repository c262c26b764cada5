import type { Reservation, ReservationLine, Stock } from '../domain/stock';

export interface InventoryStore {
  /** Sets what is available (reservations in flight stay reserved) and, if given, the unit price. */
  setStock(sku: string, available: number, unitPrice?: number): Promise<Stock>;
  getStock(sku: string): Promise<Stock | undefined>;
  /**
   * Reserves every line for the order, all or nothing, never below zero; throws OutOfStock naming the
   * SKUs short. Reserving an order again returns its reservation unchanged (one effect).
   */
  reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation>;
  /**
   * Gives back exactly what the order's reservation holds, once; undefined when the order never reserved
   * anything (nothing to give back).
   */
  release(orderId: string): Promise<Reservation | undefined>;
}
