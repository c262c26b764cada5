/**
 * A client's connection and what it watches: pure rules, no AWS.
 */

/** API Gateway closes every WebSocket connection after two hours; its records live no longer. */
export const MAX_CONNECTION_SECONDS = 2 * 60 * 60;

/** One connection watches at most this many orders: a page's worth, and a bound on one client's fan-out. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

export interface Connection {
  readonly connectionId: string;
  /** The customer the connecting user acts as (`custom:customerId` of the ID token it connected with). */
  readonly customerId: string;
  readonly connectedAt: string;
  /** Epoch seconds after which the connection cannot exist any more (the table's TTL attribute). */
  readonly expiresAt: number;
  readonly orderIds: readonly string[];
}

export function newConnection(connectionId: string, customerId: string, now: Date): Connection {
  return {
    connectionId,
    customerId,
    connectedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + MAX_CONNECTION_SECONDS,
    orderIds: [],
  };
}

/** A customer watches their own orders only; the view says whose an order is. */
export function mayWatch(connection: Pick<Connection, 'customerId'>, order: { readonly customerId: string }) {
  return order.customerId === connection.customerId;
}

/** Whether the connection may watch one more order (watching it already is no more). */
export function hasRoomFor(connection: Pick<Connection, 'orderIds'>, orderId: string): boolean {
  return (
    connection.orderIds.includes(orderId) || connection.orderIds.length < MAX_SUBSCRIPTIONS_PER_CONNECTION
  );
}
