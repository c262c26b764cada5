import type { PendingLabel, SettledLabel } from '../domain/label';
import type { Shipment } from '../domain/shipment';

export interface LabelStore {
  get(orderId: string): Promise<Shipment | undefined>;
  /**
   * Records a pending label request on a booked (`SCHEDULED`) shipment that has no label yet; either way,
   * returns the shipment as it now is (undefined if the order has none).
   */
  requestLabel(orderId: string, pending: PendingLabel): Promise<Shipment | undefined>;
  /** Settles the label if that very request is still pending; false when it no longer is (nothing written). */
  settleLabel(orderId: string, settled: SettledLabel): Promise<boolean>;
  /**
   * Replaces the pending request `supersededRequestId` by `next` (a new id, asked again), if that very
   * request is still pending; false when it no longer is (nothing written).
   */
  supersedeLabel(orderId: string, supersededRequestId: string, next: PendingLabel): Promise<boolean>;
  /**
   * Replaces the FAILED request `failedRequestId` by `next` (an operator asked again), if that very request
   * failed and the shipment is still booked; false otherwise (nothing written).
   */
  supersedeFailedLabel(orderId: string, failedRequestId: string, next: PendingLabel): Promise<boolean>;
}
