import { ORDER_ID } from '../../orders/contract';
import { documentClient } from '../../shared/aws/clients';
import { RecordByOrderTable } from '../../shared/aws/record-by-order-table';
import { readConfig } from '../../shared/config';
import { recordByOrderHandler } from '../../shared/http/record-by-order-handler';
import type { PaymentView } from '../contract';
import type { Payment } from '../domain/payment';

// Composition root: read the environment and build the adapter once per cold start.
const config = readConfig(['PAYMENTS_TABLE_NAME']);

/** `GET /payments/{orderId}` (internal API): the order's payment, without the provider's charge id. */
export const handler = recordByOrderHandler({
  records: new RecordByOrderTable<Payment>(documentClient(), config.PAYMENTS_TABLE_NAME),
  what: 'payment',
  orderId: ORDER_ID,
  view: ({ orderId, status, amount, currency }): PaymentView => ({ orderId, status, amount, currency }),
});
