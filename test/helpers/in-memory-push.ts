import type { OrderViewAnswer } from '../../lambdas/orders/contract';
import type { PushMessage } from '../../lambdas/push/contract';
import { type Connection, hasRoomFor } from '../../lambdas/push/domain/connection';
import { type DeliveryState, deliveryDecision } from '../../lambdas/push/domain/delivery';
import type {
  ConnectionStore,
  Lease,
  SubscribeOutcome,
  Subscription,
  SubscriptionKey,
} from '../../lambdas/push/ports/connection-store';
import type { Messenger, SendOutcome } from '../../lambdas/push/ports/messenger';

const keyOf = ({ orderId, connectionId }: SubscriptionKey) => `${orderId}|${connectionId}`;

/** The ConnectionStore port in memory, deciding deliveries by the same pure rule the table's condition states. */
export class InMemoryConnectionStore implements ConnectionStore {
  readonly connections = new Map<string, Connection>();
  readonly subscriptions = new Map<string, Subscription & DeliveryState>();

  async open(connection: Connection): Promise<void> {
    this.connections.set(connection.connectionId, connection);
  }

  async connection(connectionId: string): Promise<Connection | undefined> {
    return this.connections.get(connectionId);
  }

  async subscribe(connection: Connection, orderId: string): Promise<SubscribeOutcome> {
    const stored = this.connections.get(connection.connectionId);
    if (stored === undefined) return 'no-connection';
    if (!hasRoomFor(stored, orderId)) return 'too-many';
    if (!stored.orderIds.includes(orderId)) {
      this.connections.set(stored.connectionId, { ...stored, orderIds: [...stored.orderIds, orderId] });
    }
    const key = { orderId, connectionId: stored.connectionId };
    const existing = this.subscriptions.get(keyOf(key));
    this.subscriptions.set(keyOf(key), {
      ...key,
      customerId: stored.customerId,
      sentVersion: existing?.sentVersion ?? 0,
      ...(existing?.lease ? { lease: existing.lease } : {}),
    });
    return 'subscribed';
  }

  async subscribers(orderId: string): Promise<Subscription[]> {
    return [...this.subscriptions.values()]
      .filter((s) => s.orderId === orderId)
      .map(({ orderId: o, connectionId, customerId }) => ({ orderId: o, connectionId, customerId }));
  }

  async claim(key: SubscriptionKey, version: number, lease: Lease, now: number) {
    const state = this.subscriptions.get(keyOf(key));
    const decision = deliveryDecision(state, version, now);
    if (decision === 'send' && state) this.subscriptions.set(keyOf(key), { ...state, lease });
    return decision;
  }

  async delivered(key: SubscriptionKey, version: number, leaseId: string): Promise<void> {
    const state = this.subscriptions.get(keyOf(key));
    if (state?.lease?.id !== leaseId) return;
    const { lease: _, ...rest } = state;
    this.subscriptions.set(keyOf(key), { ...rest, sentVersion: version });
  }

  async release(key: SubscriptionKey, leaseId: string): Promise<void> {
    const state = this.subscriptions.get(keyOf(key));
    if (state?.lease?.id !== leaseId) return;
    const { lease: _, ...rest } = state;
    this.subscriptions.set(keyOf(key), rest);
  }

  async close(connectionId: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    for (const orderId of connection?.orderIds ?? [])
      this.subscriptions.delete(keyOf({ orderId, connectionId }));
    this.connections.delete(connectionId);
  }

  /** The subscription's delivery state, for assertions. */
  state(orderId: string, connectionId: string) {
    return this.subscriptions.get(keyOf({ orderId, connectionId }));
  }
}

/**
 * Connections as a client sees them: what each received, in order. A connection in `gone` answers
 * GoneException; `failNext` makes the next post to a connection fail (a throttle, a 5xx) once.
 */
export class RecordingMessenger implements Messenger {
  readonly received = new Map<string, PushMessage[]>();
  readonly gone = new Set<string>();
  readonly failNext = new Set<string>();
  /** Connections every post to fails (a connection API that keeps refusing). */
  readonly failAlways = new Set<string>();
  /** Called inside each post, before it lands: lets a test act while a sender holds its lease. */
  duringSend?: (connectionId: string, message: PushMessage) => Promise<void>;

  async send(connectionId: string, message: PushMessage): Promise<SendOutcome> {
    await this.duringSend?.(connectionId, message);
    if (this.failNext.delete(connectionId) || this.failAlways.has(connectionId)) {
      throw new Error('TooManyRequestsException');
    }
    if (this.gone.has(connectionId)) return 'gone';
    this.received.set(connectionId, [...(this.received.get(connectionId) ?? []), message]);
    return 'sent';
  }

  /** The versions of `order.updated` messages a connection received, in order. */
  versions(connectionId: string): number[] {
    return (this.received.get(connectionId) ?? []).flatMap((m) =>
      m.type === 'order.updated' ? [m.data.version] : [],
    );
  }

  /** The versions of one order a connection received, in order. */
  updates(connectionId: string, orderId: string): number[] {
    return (this.received.get(connectionId) ?? []).flatMap((m) =>
      m.type === 'order.updated' && m.data.orderId === orderId ? [m.data.version] : [],
    );
  }

  types(connectionId: string): string[] {
    return (this.received.get(connectionId) ?? []).map((m) => m.type);
  }
}

export const CUSTOMER = 'cus_11111111111141118111111111111111';
export const OTHER_CUSTOMER = 'cus_22222222222242228222222222222222';
export const ORDER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const OTHER_ORDER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** An order's view at `version`: PENDING at 1, CONFIRMED after. */
export function orderView(version: number, overrides: Partial<OrderViewAnswer> = {}): OrderViewAnswer {
  return {
    orderId: ORDER,
    customerId: CUSTOMER,
    status: version === 1 ? 'PENDING' : 'CONFIRMED',
    items: [{ sku: 'SKU-1', quantity: 2 }],
    total: version === 1 ? null : 20,
    currency: 'EUR',
    version,
    createdAt: '2026-12-05T10:00:00.000Z',
    updatedAt: `2026-12-05T10:00:0${Math.min(version, 9)}.000Z`,
    ...overrides,
  };
}
