import { createHash } from 'node:crypto';
import { type OrderViewAnswer, orderPageSchema } from '../../orders/contract';
import { NotFoundError, ServiceUnavailableError } from '../../shared/errors';
import { compose, type PartBreaker, type PartOutcome, type PartSpec } from '../composition/compose';
import type { App, Backend, MyOrderRequest } from '../contract';
import {
  type MobileOrderView,
  mobileOrderView,
  type WebOrderView,
  webOrderView,
} from '../domain/order-views';
import type { PageRequest, RelayedAnswer, ShopBackends, Trace } from '../ports/shop-backends';

export interface MyOrdersDeps {
  readonly backends: ShopBackends;
  /** One breaker per backend, shared by both apps' functions (the same services fail for both). */
  readonly breakers: Readonly<Record<Backend, PartBreaker>>;
  /** A composed answer is ready within `deadlineMs` of the request; each part within `partTimeoutMs`. */
  readonly deadlineMs: number;
  readonly partTimeoutMs: number;
  readonly now?: () => number;
}

/** The signed-in user, as the gateway's authorizer verified them, and their request. */
export interface Caller extends Trace {
  readonly customerId: string;
  /** When the request reached the function: the deadline counts from here. */
  readonly startedAt: number;
}

/**
 * `GET /me/orders/{orderId}`: the order composed from its services in parallel, shaped for the app. The
 * order is read with the others rather than before them (one round of calls, not two); whose it is is
 * checked once it is in, and another customer's order is a 404, so that its existence does not leak.
 */
export async function getMyOrder(
  deps: MyOrdersDeps,
  app: App,
  caller: Caller,
  orderId: string,
): Promise<WebOrderView | MobileOrderView> {
  const part = <T>(backend: Backend, load: PartSpec<T>['load']): PartSpec<T> => ({
    timeoutMs: deps.partTimeoutMs,
    breaker: deps.breakers[backend],
    load,
  });
  const { backends } = deps;
  const options = {
    deadlineMs: deps.deadlineMs,
    startedAt: caller.startedAt,
    ...(deps.now ? { now: deps.now } : {}),
  };
  const order = part('orders', (signal) => backends.order(orderId, caller, signal));
  const shipment = part('shipping', (signal) => backends.shipment(orderId, caller, signal));
  if (app === 'mobile') {
    const composed = await compose({ order, shipment }, options);
    return mobileOrderView({
      order: ownedOrder(composed.order, caller, orderId),
      shipment: composed.shipment,
    });
  }
  const composed = await compose(
    {
      order,
      shipment,
      customer: part('customers', (signal) => backends.customer(caller.customerId, caller, signal)),
      payment: part('payments', (signal) => backends.payment(orderId, caller, signal)),
    },
    options,
  );
  return webOrderView({ ...composed, order: ownedOrder(composed.order, caller, orderId) });
}

/** The order, if it is the caller's; without it there is no answer to give (503, or 404). */
function ownedOrder(outcome: PartOutcome<OrderViewAnswer>, caller: Caller, orderId: string): OrderViewAnswer {
  if (outcome.kind === 'failed') {
    throw new ServiceUnavailableError('The orders service cannot answer for now; try again shortly.');
  }
  if (outcome.kind === 'absent' || outcome.value.customerId !== caller.customerId) {
    throw new NotFoundError(`Order ${orderId} does not exist.`);
  }
  return outcome.value;
}

/** The app's compact list entry: what a phone's list row shows. */
export interface MobileOrderSummary {
  readonly orderId: string;
  readonly status: OrderViewAnswer['status'];
  readonly total: number | null;
  readonly currency: OrderViewAnswer['currency'];
  readonly itemCount: number;
  readonly createdAt: string;
}

/** `GET /me/orders`: the caller's orders, newest first, a page at a time (the orders service's cursor). */
export async function listMyOrders(
  deps: MyOrdersDeps,
  app: App,
  caller: Caller,
  page: PageRequest,
): Promise<RelayedAnswer> {
  const answer = await deps.backends.customerOrders(caller.customerId, page, caller);
  if (answer.status !== 200 || app === 'web') return answer;
  const { items, nextCursor } = orderPageSchema.parse(answer.body);
  const summaries: MobileOrderSummary[] = items.map((order) => ({
    orderId: order.orderId,
    status: order.status,
    total: order.total,
    currency: order.currency,
    itemCount: order.items.reduce((count, item) => count + item.quantity, 0),
    createdAt: order.createdAt,
  }));
  return {
    ...answer,
    body: nextCursor === undefined ? { items: summaries } : { items: summaries, nextCursor },
  };
}

/**
 * `POST /me/orders`: places the order for the caller's customer. The idempotency key is the caller's own:
 * scoped to the customer before it reaches the orders service, so two users who happen to pick the same
 * key never meet (the orders service sees one key per customer and key).
 */
export function placeMyOrder(
  deps: MyOrdersDeps,
  caller: Caller,
  request: MyOrderRequest,
  idempotencyKey: string,
): Promise<RelayedAnswer> {
  return deps.backends.placeOrder(
    { ...request, customerId: caller.customerId },
    scopedKey(caller, idempotencyKey),
    caller,
  );
}

/** `POST /me/orders/{orderId}/cancel`: only the caller's own order; anyone else's is a 404, as if absent. */
export async function cancelMyOrder(
  deps: MyOrdersDeps,
  caller: Caller,
  orderId: string,
  body: unknown,
): Promise<RelayedAnswer> {
  let order: OrderViewAnswer | undefined;
  try {
    order = await deps.breakers.orders.call(() => deps.backends.order(orderId, caller), {
      isFailure: () => true,
    });
  } catch {
    throw new ServiceUnavailableError('The orders service cannot answer for now; try again shortly.');
  }
  if (order === undefined || order.customerId !== caller.customerId) {
    throw new NotFoundError(`Order ${orderId} does not exist.`);
  }
  return deps.backends.cancelOrder(orderId, body, caller);
}

function scopedKey(caller: Caller, idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('base64url');
  return `${caller.customerId}.${digest}`;
}
