import type { CustomerProfile } from '../../customers/contract';
import type { OrderViewAnswer, PlaceOrderRequest } from '../../orders/contract';
import type { PaymentView } from '../../payments/contract';
import type { RelayedAnswer, Trace } from '../../shared/http/internal-api-client';
import type { ShipmentView } from '../../shipping/contract';

/** A service's answer to a command is relayed to the app: its status, body and the headers a client uses. */
export type { RelayedAnswer, Trace };

/** A part read: the record, or undefined when it does not exist (yet). `signal` ends the call early. */
type Read<T> = (id: string, trace: Trace, signal?: AbortSignal) => Promise<T | undefined>;

/**
 * The services the apps' BFFs read and command, through their internal APIs. Reads answer records;
 * commands relay the orders service's answer (its status, problem and all) for the app's client to read,
 * since the BFF adds nothing to them but the customer the token names.
 */
export interface ShopBackends {
  readonly order: Read<OrderViewAnswer>;
  readonly customer: Read<CustomerProfile>;
  readonly payment: Read<PaymentView>;
  readonly shipment: Read<ShipmentView>;
  customerOrders(customerId: string, page: PageRequest, trace: Trace): Promise<RelayedAnswer>;
  placeOrder(order: PlaceOrderRequest, idempotencyKey: string, trace: Trace): Promise<RelayedAnswer>;
  cancelOrder(orderId: string, body: unknown, trace: Trace): Promise<RelayedAnswer>;
}

export interface PageRequest {
  readonly limit?: string;
  readonly cursor?: string;
}
