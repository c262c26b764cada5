import type { StepContext } from '../../orders/contract';
import type { Shipment } from '../domain/shipment';

export interface ShipmentsStore {
  get(orderId: string): Promise<Shipment | undefined>;
  /**
   * Records the order's shipment (booked, or `UNAVAILABLE`) and publishes ShipmentScheduled or
   * ShippingUnavailable; if the order has a shipment record already, returns that one and publishes nothing.
   */
  schedule(shipment: Shipment, step: StepContext): Promise<Shipment>;
  /**
   * Cancels the order's booked shipment and publishes ShipmentCancelled; with none yet, records a
   * cancellation (published too) so that none is booked later. A repeat changes and publishes nothing.
   */
  cancel(orderId: string, step: StepContext): Promise<Shipment>;
}
