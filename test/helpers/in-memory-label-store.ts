import type { Label, PendingLabel, SettledLabel } from '../../lambdas/shipping/domain/label';
import type { Shipment } from '../../lambdas/shipping/domain/shipment';
import type { LabelStore } from '../../lambdas/shipping/ports/label-store';
import { SAMPLE_ORDER } from '../fixtures/orders';

/** Shipments' labels in memory, with the conditions the DynamoDB adapter writes with. */
export class InMemoryLabelStore implements LabelStore {
  readonly shipments = new Map<string, Shipment>();
  failing = false;

  /** A store holding the order's booked shipment (to the sample address), with this label if any. */
  static withBooked(orderId: string, label?: Label): InMemoryLabelStore {
    const store = new InMemoryLabelStore();
    store.shipments.set(orderId, {
      orderId,
      status: 'SCHEDULED',
      shipmentId: `shp_${orderId}`,
      address: SAMPLE_ORDER.shippingAddress,
      ...(label === undefined ? {} : { label }),
    });
    return store;
  }

  async get(orderId: string): Promise<Shipment | undefined> {
    if (this.failing) throw new Error('ProvisionedThroughputExceededException');
    return this.shipments.get(orderId);
  }

  async requestLabel(orderId: string, pending: PendingLabel): Promise<Shipment | undefined> {
    const shipment = this.shipments.get(orderId);
    if (shipment?.status === 'SCHEDULED' && shipment.label === undefined) {
      this.shipments.set(orderId, { ...shipment, label: pending });
    }
    return this.shipments.get(orderId);
  }

  async settleLabel(orderId: string, settled: SettledLabel): Promise<boolean> {
    return this.replacePending(orderId, settled.requestId, settled);
  }

  async supersedeLabel(orderId: string, supersededRequestId: string, next: PendingLabel): Promise<boolean> {
    return this.replacePending(orderId, supersededRequestId, next);
  }

  async supersedeFailedLabel(orderId: string, failedRequestId: string, next: PendingLabel): Promise<boolean> {
    const shipment = this.shipments.get(orderId);
    const { label } = shipment ?? {};
    if (
      shipment?.status !== 'SCHEDULED' ||
      label?.requestId !== failedRequestId ||
      label.status !== 'FAILED'
    ) {
      return false;
    }
    this.shipments.set(orderId, { ...shipment, label: next });
    return true;
  }

  private replacePending(orderId: string, requestId: string, label: Label): boolean {
    const shipment = this.shipments.get(orderId);
    if (shipment?.label?.requestId !== requestId || shipment.label.status !== 'REQUESTED') return false;
    this.shipments.set(orderId, { ...shipment, label });
    return true;
  }
}
