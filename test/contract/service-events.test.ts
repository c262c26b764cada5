import { INVENTORY_EVENTS } from '../../lambdas/inventory/contract';
import {
  outOfStockEvent,
  releasedEvent,
  reservedEvent,
} from '../../lambdas/inventory/domain/inventory-events';
import { type Reservation, refusal, releasedBeforeReserved } from '../../lambdas/inventory/domain/stock';
import type { StepContext } from '../../lambdas/orders/contract';
import { PAYMENTS_EVENTS } from '../../lambdas/payments/contract';
import { chargeAnsweredEvent, settledEvent } from '../../lambdas/payments/domain/payment-events';
import type { ServiceEvents } from '../../lambdas/shared/events/event-versions';
import { Outbox, type Trace } from '../../lambdas/shared/outbox/outbox';
import { SHIPPING_EVENTS } from '../../lambdas/shipping/contract';
import type { Label } from '../../lambdas/shipping/domain/label';
import {
  cancelledEvent,
  labelEvent,
  labelTrace,
  scheduledEvent,
  unavailableEvent,
} from '../../lambdas/shipping/domain/shipping-events';
import { catalogueValidator, committedDocument } from './catalogue';

/**
 * Inventory, payments and shipping as producers: each event their domain makes, put in the envelope their
 * outbox writes, is valid against the committed catalogue (Ajv on the JSON Schema a consumer elsewhere
 * would read), whichever way the step was driven and whatever it had to undo.
 */
const validate = catalogueValidator();
const ORDER = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';
const choreographed: StepContext = { correlationId: 'c-1', causationId: 'e-1', sagaStyle: 'choreography' };
const orchestrated: StepContext = { correlationId: 'c-1', causationId: 'x-1', sagaStyle: 'orchestration' };
const undoing: StepContext = { ...choreographed, cause: 'CANCELLED' };

const reservation: Reservation = {
  orderId: ORDER,
  lines: [{ sku: 'BOOK-42', quantity: 2 }],
  total: 25,
  status: 'RESERVED',
};

const request = {
  requestId: `${ORDER}~r1`,
  requestedAt: '2026-12-05T10:00:00.000Z',
  trace: { correlationId: 'c-1', causationId: 'e-confirmed' },
};
const settledAt = '2026-12-05T10:00:01.000Z';
const labels: Label[] = [
  { ...request, status: 'REQUESTED' },
  {
    ...request,
    status: 'LABELLED',
    carrier: 'Stub Parcels',
    trackingNumber: 'SP0123456789ABCDEF',
    settledAt,
  },
  { ...request, status: 'FAILED', reason: 'CARRIER_TIMEOUT', settledAt },
];

const produced: Array<[ServiceEvents, string, unknown, Trace]> = [
  [INVENTORY_EVENTS, 'InventoryReserved', reservedEvent(reservation, orchestrated), orchestrated],
  [
    INVENTORY_EVENTS,
    'InventoryOutOfStock',
    outOfStockEvent(refusal(ORDER, reservation.lines, ['BOOK-42']), choreographed),
    choreographed,
  ],
  [
    INVENTORY_EVENTS,
    'InventoryReleased',
    releasedEvent({ ...reservation, status: 'RELEASED' }, undoing),
    undoing,
  ],
  [
    INVENTORY_EVENTS,
    'InventoryReleased',
    releasedEvent(releasedBeforeReserved(ORDER), orchestrated),
    orchestrated,
  ],
  [
    PAYMENTS_EVENTS,
    'PaymentCaptured',
    chargeAnsweredEvent(
      { orderId: ORDER, amount: 25, currency: 'EUR', chargeId: 'ch_1', status: 'CAPTURED' },
      choreographed,
    )?.data,
    choreographed,
  ],
  [
    PAYMENTS_EVENTS,
    'PaymentDeclined',
    chargeAnsweredEvent({ orderId: ORDER, amount: 25, currency: 'USD', status: 'DECLINED' }, orchestrated)
      ?.data,
    orchestrated,
  ],
  [
    PAYMENTS_EVENTS,
    'PaymentRefunded',
    settledEvent(
      { orderId: ORDER, amount: 25, currency: 'GBP', chargeId: 'ch_1', status: 'REFUNDED' },
      undoing,
    ).data,
    undoing,
  ],
  [
    PAYMENTS_EVENTS,
    'PaymentRefunded',
    settledEvent({ orderId: ORDER, status: 'VOIDED' }, orchestrated).data,
    orchestrated,
  ],
  [
    SHIPPING_EVENTS,
    'ShipmentScheduled',
    scheduledEvent(
      {
        orderId: ORDER,
        status: 'SCHEDULED',
        shipmentId: `shp_${ORDER}`,
        country: 'GB',
        declaredValue: { amount: 25, currency: 'GBP' },
      },
      choreographed,
    ),
    choreographed,
  ],
  [
    SHIPPING_EVENTS,
    'ShippingUnavailable',
    unavailableEvent({ orderId: ORDER, status: 'UNAVAILABLE', country: 'XX' }, orchestrated),
    orchestrated,
  ],
  [
    SHIPPING_EVENTS,
    'ShipmentCancelled',
    cancelledEvent({ orderId: ORDER, status: 'CANCELLED' }, undoing),
    undoing,
  ],
  ...labels.map((label): [ServiceEvents, string, unknown, Trace] => {
    const { type, data } = labelEvent(ORDER, label);
    return [SHIPPING_EVENTS, type, data, labelTrace(label)];
  }),
];

describe('inventory, payments and shipping as producers', () => {
  it.each(
    produced.map(
      ([events, type, data, step], index) => [`${type} #${index}`, events, type, data, step] as const,
    ),
  )('%s is valid against the catalogue, in the envelope its outbox writes', (_, events, type, data, step) => {
    const { Put } = new Outbox('Outbox', events).put(type, data, step);
    expect(Put.Item).toMatchObject({
      source: events.source,
      detailType: type,
      eventId: Put.Item.detail.metadata.eventId,
    });
    const document = committedDocument(events.source, type, events.events[type]?.current ?? 0);
    expect(validate(document, Put.Item.detail)).toEqual([]);
  });

  it('the outbox refuses an event its own contract does not allow, so it is never written', () => {
    const outbox = new Outbox('Outbox', SHIPPING_EVENTS);
    expect(() =>
      outbox.put('ShipmentScheduled', { orderId: ORDER, sagaStyle: 'choreography' }, choreographed),
    ).toThrow(/ShipmentScheduled v1 refused by its schema/);
    expect(() =>
      outbox.put('InventoryReserved', reservedEvent(reservation, choreographed), choreographed),
    ).toThrow(/shop.shipping publishes no InventoryReserved/);
  });
});
