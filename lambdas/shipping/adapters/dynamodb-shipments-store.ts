import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StepContext } from '../../orders/contract';
import { RecordByOrderTable } from '../../shared/aws/record-by-order-table';
import { transactOnce } from '../../shared/aws/transaction';
import { Outbox } from '../../shared/outbox/outbox';
import { SHIPPING_EVENTS } from '../contract';
import type { Label, PendingLabel, SettledLabel } from '../domain/label';
import type { Shipment } from '../domain/shipment';
import {
  cancelledEvent,
  labelEvent,
  labelTrace,
  scheduledEvent,
  unavailableEvent,
} from '../domain/shipping-events';
import type { LabelStore } from '../ports/label-store';
import type { ShipmentsStore } from '../ports/shipments-store';

/**
 * The Shipments table: one item per order (partition key `orderId`). A shipment's change and its event (an
 * item of the service's Outbox table) are written in one transaction, conditioned so that each happens
 * once: a repeat changes nothing and publishes nothing.
 */
export class DynamoDbShipmentsStore
  extends RecordByOrderTable<Shipment>
  implements ShipmentsStore, LabelStore
{
  private readonly outbox: Outbox;

  constructor(client: DynamoDBDocumentClient, tableName: string, outboxTableName: string) {
    super(client, tableName);
    this.outbox = new Outbox(outboxTableName, SHIPPING_EVENTS);
  }

  async schedule(shipment: Shipment, step: StepContext): Promise<Shipment> {
    const event =
      shipment.status === 'UNAVAILABLE'
        ? this.outbox.put('ShippingUnavailable', unavailableEvent(shipment, step), step)
        : this.outbox.put('ShipmentScheduled', scheduledEvent(shipment, step), step);
    if (await transactOnce(this.client, [this.newShipment(shipment), event])) return shipment;
    return this.existing(shipment.orderId);
  }

  async cancel(orderId: string, step: StepContext): Promise<Shipment> {
    const current = await this.get(orderId);
    if (current === undefined) {
      // Cancelled before any was booked: recorded, so that none is booked later.
      const tombstone: Shipment = { orderId, status: 'CANCELLED' };
      const event = this.outbox.put('ShipmentCancelled', cancelledEvent(tombstone, step), step);
      if (await transactOnce(this.client, [this.newShipment(tombstone), event])) return tombstone;
      return this.cancel(orderId, step);
    }
    if (current.status !== 'SCHEDULED') return current;
    const cancelled: Shipment = { ...current, status: 'CANCELLED' };
    const update = {
      Update: {
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: 'SET #status = :cancelled',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':scheduled': 'SCHEDULED' },
      },
    };
    const event = this.outbox.put('ShipmentCancelled', cancelledEvent(cancelled, step), step);
    if (await transactOnce(this.client, [update, event])) return cancelled;
    return this.existing(orderId);
  }

  /**
   * The shipment's `label` attribute, set only on a booked shipment that has none, with
   * ShipmentLabelRequested in the same transaction.
   */
  async requestLabel(orderId: string, pending: PendingLabel): Promise<Shipment | undefined> {
    // Refused when the shipment is not booked or has its label already: either way, it is read as it is.
    await this.changeLabel(orderId, pending, {
      ConditionExpression: '#status = :scheduled AND attribute_not_exists(label)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':scheduled': 'SCHEDULED' },
    });
    return this.get(orderId);
  }

  /**
   * Replaces the label only while that request is pending (of a reply and a deadline, one wins), with
   * ShipmentLabelled or ShipmentLabelFailed in the same transaction.
   */
  settleLabel(orderId: string, settled: SettledLabel): Promise<boolean> {
    return this.changeLabel(orderId, settled, whilePending(settled.requestId));
  }

  /**
   * Replaces the pending request by the next one only while it is pending (of a reply and a deadline, one
   * wins), with the next one's ShipmentLabelRequested in the same transaction.
   */
  supersedeLabel(orderId: string, supersededRequestId: string, next: PendingLabel): Promise<boolean> {
    return this.changeLabel(orderId, next, whilePending(supersededRequestId));
  }

  /**
   * Replaces a failed request by the operator's new one only while it is the failed one and the shipment is
   * booked (of two racing operators, one wins), with the new one's ShipmentLabelRequested in the same
   * transaction.
   */
  supersedeFailedLabel(orderId: string, failedRequestId: string, next: PendingLabel): Promise<boolean> {
    return this.changeLabel(orderId, next, {
      ConditionExpression:
        '#status = :scheduled AND label.requestId = :requestId AND label.#labelStatus = :failed',
      ExpressionAttributeNames: { '#status': 'status', '#labelStatus': 'status' },
      ExpressionAttributeValues: {
        ':scheduled': 'SCHEDULED',
        ':requestId': failedRequestId,
        ':failed': 'FAILED',
      },
    });
  }

  private changeLabel(
    orderId: string,
    label: Label,
    condition: {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ): Promise<boolean> {
    const update = {
      Update: {
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: 'SET label = :label',
        ...condition,
        ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':label': label },
      },
    };
    const { type, data } = labelEvent(orderId, label);
    return transactOnce(this.client, [update, this.outbox.put(type, data, labelTrace(label))]);
  }

  private newShipment(shipment: Shipment) {
    return {
      Put: {
        TableName: this.tableName,
        Item: shipment,
        ConditionExpression: 'attribute_not_exists(orderId)',
      },
    };
  }

  private async existing(orderId: string): Promise<Shipment> {
    const shipment = await this.get(orderId);
    if (shipment === undefined) throw new Error(`The shipment of ${orderId} vanished.`);
    return shipment;
  }
}

/** The condition that this very request is the shipment's pending one. */
function whilePending(requestId: string) {
  return {
    ConditionExpression: 'label.requestId = :requestId AND label.#labelStatus = :requested',
    ExpressionAttributeNames: { '#labelStatus': 'status' },
    ExpressionAttributeValues: { ':requestId': requestId, ':requested': 'REQUESTED' },
  };
}
