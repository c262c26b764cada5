import { INVENTORY_CONSUMES, inventoryReactions } from '../../lambdas/inventory/handlers/choreography';
import { ORDERS_CONSUMES, ordersReactions } from '../../lambdas/orders/handlers/choreography';
import { PAYMENTS_CONSUMES, paymentsReactions } from '../../lambdas/payments/handlers/choreography';
import { readConsumedEvent } from '../../lambdas/shared/choreography/consumed-event';
import type { ServiceEvents } from '../../lambdas/shared/events/event-versions';
import { SHIPPING_CONSUMES, shippingReactions } from '../../lambdas/shipping/handlers/choreography';
import { LABELS_CONSUME, labelReactions } from '../../lambdas/shipping/handlers/labels';
import { committedDocument } from './catalogue';

/**
 * The choreography's consumers as the catalogue's readers: each reads every committed example of every
 * event type it reacts to, the current version and every one before, into data of the producer's current
 * version, as its reactions expect. A producer that publishes a new version breaks this unless it upcasts.
 */
const unused = {} as never;
const consumers: Array<[string, readonly ServiceEvents[], readonly string[]]> = [
  ['inventory', INVENTORY_CONSUMES, Object.keys(inventoryReactions(unused))],
  ['payments', PAYMENTS_CONSUMES, Object.keys(paymentsReactions(unused, 3))],
  ['shipping', SHIPPING_CONSUMES, Object.keys(shippingReactions(unused))],
  ['orders', ORDERS_CONSUMES, Object.keys(ordersReactions(unused))],
  ['shipping label requester', LABELS_CONSUME, Object.keys(labelReactions(unused))],
];

const body = (source: string, type: string, detail: unknown) =>
  JSON.stringify({
    version: '0',
    id: 'eb-1',
    source,
    'detail-type': type,
    time: '2026-12-05T10:00:00Z',
    detail,
  });

describe.each(consumers)('the %s consumer', (_, producers, types) => {
  const readable = types.map((type) => {
    const producer = producers.find(({ events }) => Object.hasOwn(events, type));
    return { type, producer };
  });

  it('reacts only to event types one of its producers publishes', () => {
    expect(readable.filter(({ producer }) => producer === undefined).map(({ type }) => type)).toEqual([]);
  });

  it.each(readable.map(({ type, producer }) => [type, producer] as const))(
    'reads every committed version of %s into its current one',
    (type, producer) => {
      if (producer === undefined) throw new Error(`No producer of ${type}`);
      const versions = producer.events[type];
      if (versions === undefined) throw new Error(`No ${type}`);
      const current = versions.schemas[versions.current];
      const published = Object.keys(versions.schemas).map(Number);
      expect(published).toContain(versions.current);
      for (const version of published) {
        const [detail] = committedDocument(producer.source, type, version).examples;
        const event = readConsumedEvent(body(producer.source, type, detail), producers);
        expect({ version, type: event.type }).toEqual({ version, type });
        expect({ version, valid: current?.safeParse(event.data).success }).toEqual({ version, valid: true });
      }
    },
  );
});
