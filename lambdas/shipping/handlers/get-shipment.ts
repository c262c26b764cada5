import { ORDER_ID } from '../../orders/contract';
import { documentClient } from '../../shared/aws/clients';
import { RecordByOrderTable } from '../../shared/aws/record-by-order-table';
import { readConfig } from '../../shared/config';
import { recordByOrderHandler } from '../../shared/http/record-by-order-handler';
import type { Shipment } from '../domain/shipment';
import { shipmentView } from '../domain/shipment-view';

// Composition root: read the environment and build the adapter once per cold start.
const config = readConfig(['SHIPMENTS_TABLE_NAME']);

/** `GET /shipments/{orderId}` (internal API): the order's shipment, without the declared value or the address. */
export const handler = recordByOrderHandler({
  records: new RecordByOrderTable<Shipment>(documentClient(), config.SHIPMENTS_TABLE_NAME),
  what: 'shipment',
  orderId: ORDER_ID,
  view: shipmentView,
});
