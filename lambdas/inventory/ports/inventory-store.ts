import type { StepContext } from '../../orders/contract';
import type { Reservation, ReservationLine, Stock } from '../domain/stock';

export interface InventoryStore {
  /** Sets what is available (reservations in flight stay reserved) and, if given, the unit price and name. */
  setStock(sku: string, available: number, unitPrice?: number, name?: string): Promise<Stock>;
  getStock(sku: string): Promise<Stock | undefined>;
  /**
   * Reserves every line for the order, all or nothing, never below zero, and publishes InventoryReserved;
   * or records the refusal, publishes InventoryOutOfStock and throws OutOfStock naming the SKUs short.
   * Asked again for the same order, it answers as it did the first time and publishes nothing.
   */
  reserve(orderId: string, lines: readonly ReservationLine[], step: StepContext): Promise<Reservation>;
  /**
   * Gives back exactly what the order's reservation holds, once, and publishes InventoryReleased. An order
   * that reserved nothing yet gets a release with no lines (published too), and any later reservation of
   * it reserves nothing. A repeat, or a refused order, changes and publishes nothing.
   */
  release(orderId: string, step: StepContext): Promise<Reservation | undefined>;
}
