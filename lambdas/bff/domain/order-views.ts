import type { CustomerProfile } from '../../customers/contract';
import type { Currency, OrderStatus, OrderViewAnswer } from '../../orders/contract';
import type { PaymentView } from '../../payments/contract';
import type { ShipmentView } from '../../shipping/contract';
import type { PartOutcome } from '../composition/compose';
import type { OrderParts, PartialPart, PartName, PaymentPart, ShipmentPart } from './order-parts';
import { partProblem } from './part-problem';

/** The web app's order page: everything, from four services. */
export interface WebOrderView {
  readonly order: OrderViewAnswer;
  readonly customer: CustomerProfile | null;
  readonly payment: PaymentPart | null;
  readonly shipment: ShipmentPart | null;
  readonly partial: readonly PartialPart[];
}

/** The mobile app's order screen: a compact summary, from two services. */
export interface MobileOrderView {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly total: number | null;
  readonly currency: Currency;
  readonly itemCount: number;
  readonly shipment: Pick<ShipmentPart, 'status' | 'trackingNumber'> | null;
  readonly partial: readonly PartialPart[];
}

export function webOrderView(parts: OrderParts): WebOrderView {
  const partial: PartialPart[] = [];
  const customer = resolve('customer', parts.customer, (c) => c, undefined, partial);
  const paid = (value: PaymentView) => paymentPart(value, parts.order.currency);
  const payment = resolve('payment', parts.payment, paid, paidAsOrderSays(parts.order), partial);
  const shipment = resolve(
    'shipment',
    parts.shipment,
    shipmentPart,
    shippedAsOrderSays(parts.order),
    partial,
  );
  return { order: parts.order, customer, payment, shipment, partial };
}

export function mobileOrderView(parts: Pick<OrderParts, 'order' | 'shipment'>): MobileOrderView {
  const { order } = parts;
  const partial: PartialPart[] = [];
  const shipment = resolve('shipment', parts.shipment, shipmentPart, shippedAsOrderSays(order), partial);
  return {
    orderId: order.orderId,
    status: order.status,
    total: order.total,
    currency: order.currency,
    itemCount: order.items.reduce((count, item) => count + item.quantity, 0),
    shipment: shipment && {
      status: shipment.status,
      ...(shipment.trackingNumber === undefined ? {} : { trackingNumber: shipment.trackingNumber }),
    },
    partial,
  };
}

/**
 * A part's value: the backend's answer; null when the part does not exist yet (not a failure); when the
 * backend failed, what the order's own state implies if it implies anything, else null, and either way
 * the part is named in `partial` with the problem.
 */
function resolve<T, V>(
  part: PartName,
  outcome: PartOutcome<T>,
  present: (value: T) => V,
  derived: V | undefined,
  partial: PartialPart[],
): V | null {
  if (outcome.kind === 'found') return present(outcome.value);
  if (outcome.kind === 'absent') return null;
  const problem = partProblem(part, outcome.failure);
  partial.push(derived === undefined ? { part, problem } : { part, problem, derivedFrom: 'order' });
  return derived ?? null;
}

/** A payment voided before any charge has no amount: null, in the order's currency. */
function paymentPart(payment: PaymentView, orderCurrency: Currency): PaymentPart {
  return {
    status: payment.status,
    amount: payment.amount ?? null,
    currency: payment.currency ?? orderCurrency,
  };
}

/** The carrier and tracking number once the shipment's label was given. */
function shipmentPart({ status, carrier, trackingNumber }: ShipmentView): ShipmentPart {
  return {
    status,
    ...(carrier === undefined ? {} : { carrier }),
    ...(trackingNumber === undefined ? {} : { trackingNumber }),
  };
}

/** A confirmed order was charged its total; a cancelled one (only confirmed ones are) was refunded it. */
function paidAsOrderSays(order: OrderViewAnswer): PaymentPart | undefined {
  if (order.total === null) return undefined;
  if (order.status === 'CONFIRMED')
    return { status: 'CAPTURED', amount: order.total, currency: order.currency };
  if (order.status === 'CANCELLED')
    return { status: 'REFUNDED', amount: order.total, currency: order.currency };
  return undefined;
}

/** A confirmed order has its shipment scheduled; a cancelled one had it cancelled. */
function shippedAsOrderSays(order: OrderViewAnswer): ShipmentPart | undefined {
  if (order.status === 'CONFIRMED') return { status: 'SCHEDULED' };
  if (order.status === 'CANCELLED') return { status: 'CANCELLED' };
  return undefined;
}
