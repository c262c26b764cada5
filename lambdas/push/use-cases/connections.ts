import { newConnection } from '../domain/connection';
import type { ConnectionStore } from '../ports/connection-store';

/** `$connect`, once the authorizer has named the customer: the connection is recorded for two hours. */
export function openConnection(
  store: ConnectionStore,
  connectionId: string,
  customerId: string,
  now: Date = new Date(),
): Promise<void> {
  return store.open(newConnection(connectionId, customerId, now));
}

/** `$disconnect`: the connection and its subscriptions go (the table's TTL catches any missed). */
export function closeConnection(store: ConnectionStore, connectionId: string): Promise<void> {
  return store.close(connectionId);
}
