import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StepContext } from '../../../lambdas/orders/contract';
import type { DynamoDbShipmentsStore } from '../../../lambdas/shipping/adapters/dynamodb-shipments-store';
import { ShippingUnavailable } from '../../../lambdas/shipping/domain/shipment';
import { scheduleShipment } from '../../../lambdas/shipping/use-cases/shipments';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import type { DynamoDbLocal } from '../../helpers/dynamodb-local';
import { outboxEventsOf, outboxTypesOf } from '../../helpers/outbox';
import { startShippingTables } from '../../helpers/shipping-tables';

/** Shipping on DynamoDB Local, its tables (Shipments, Outbox) from the synthesized Shipping stack. */
let db: DynamoDbLocal;
let client: DynamoDBDocumentClient;
let outboxTable: string;
let deps: { shipments: DynamoDbShipmentsStore };
const types = (orderId: string) => outboxTypesOf(client, outboxTable, orderId);

beforeAll(async () => {
  let store: DynamoDbShipmentsStore;
  ({ db, client, outboxTable, store } = await startShippingTables());
  deps = { shipments: store };
});
afterAll(() => db?.stop());

const step: StepContext = { correlationId: 'corr-1', causationId: 'cause-1', sagaStyle: 'choreography' };
const request = (orderId: string, country = 'GB') => ({
  orderId,
  shippingAddress: { ...SAMPLE_ORDER.shippingAddress, country },
  declaredValue: { amount: 25, currency: 'EUR' as const },
});

describe('shipping on DynamoDB Local, with its outbox', () => {
  it('books one shipment per order, published once, however often it is asked', async () => {
    const results = await Promise.all([1, 2, 3].map(() => scheduleShipment(deps, request('s-1'), step)));
    for (const shipment of results)
      expect(shipment).toMatchObject({ status: 'SCHEDULED', shipmentId: 'shp_s-1' });
    expect(await outboxEventsOf(client, outboxTable, 's-1')).toEqual([
      expect.objectContaining({
        source: 'shop.shipping',
        type: 'ShipmentScheduled',
        data: {
          orderId: 's-1',
          sagaStyle: 'choreography',
          shipmentId: 'shp_s-1',
          country: 'GB',
          declaredValue: { amount: 25, currency: 'EUR' },
        },
      }),
    ]);
  });

  it('records an address no carrier serves, so that a repeat answers ShippingUnavailable again, published once', async () => {
    await expect(scheduleShipment(deps, request('s-2', 'XX'), step)).rejects.toBeInstanceOf(
      ShippingUnavailable,
    );
    await expect(scheduleShipment(deps, request('s-2', 'XX'), step)).rejects.toBeInstanceOf(
      ShippingUnavailable,
    );
    expect(await types('s-2')).toEqual(['ShippingUnavailable']);
  });

  it('cancels a booked shipment once, with the cause it was given', async () => {
    await scheduleShipment(deps, request('s-3'), step);
    const undo = { ...step, cause: 'CANCELLED' as const };
    await Promise.all([deps.shipments.cancel('s-3', undo), deps.shipments.cancel('s-3', undo)]);
    const events = await outboxEventsOf(client, outboxTable, 's-3');
    expect(events.map(({ type }) => type).sort()).toEqual(['ShipmentCancelled', 'ShipmentScheduled']);
    expect(events.find(({ type }) => type === 'ShipmentCancelled')?.data).toEqual({
      orderId: 's-3',
      sagaStyle: 'choreography',
      shipmentId: 'shp_s-3',
      cause: 'CANCELLED',
    });
  });

  it('a cancellation before any shipment is recorded, and a late request books nothing', async () => {
    await expect(deps.shipments.cancel('s-4', step)).resolves.toEqual({
      orderId: 's-4',
      status: 'CANCELLED',
    });
    await expect(scheduleShipment(deps, request('s-4'), step)).resolves.toEqual({
      orderId: 's-4',
      status: 'CANCELLED',
    });
    expect(await types('s-4')).toEqual(['ShipmentCancelled']);
  });
});
