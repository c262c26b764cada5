import type { Shipment } from '../domain/shipment';

export interface ShipmentsStore {
  /** Creates the order's shipment, or returns the one it already has. */
  schedule(shipment: Shipment): Promise<Shipment>;
  /** Cancels the order's scheduled shipment; the shipment after, or undefined if there is none. */
  cancel(orderId: string): Promise<Shipment | undefined>;
}
