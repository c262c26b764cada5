import { randomBytes } from 'node:crypto';

/** Why the gateway itself ends a connection: the close frame it sends and what `$disconnect` is told. */
export interface ServerClose {
  readonly code: number;
  readonly reason: string;
  /** `requestContext.disconnectReason` of the `$disconnect` event, where it differs from `reason`. */
  readonly disconnectReason: string;
}

/** A DeleteConnection: a normal close, as AWS reports it to `$disconnect`. */
export const DELETED: ServerClose = {
  code: 1000,
  reason: '',
  disconnectReason: 'Connection Closed Normally',
};
/** The idle timeout, the maximum duration and the local cloud stopping: the gateway is going away. */
export const GOING_AWAY: ServerClose = { code: 1001, reason: 'Going away', disconnectReason: 'Going away' };

/** One open WebSocket connection, as the `@connections` API sees it. */
export interface LocalConnection {
  readonly id: string;
  readonly apiId: string;
  readonly stage: string;
  readonly connectedAt: number;
  readonly lastActiveAt: number;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Sends one message to the client (text when it is valid UTF-8, as API Gateway sends Data). */
  send(data: Buffer): Promise<void>;
  close(why: ServerClose): void;
}

/**
 * Every open connection of every WebSocket API of the local cloud, by id: the gateways add and remove
 * them, the `@connections` API (on each API's listener and on the endpoint) finds them. Ids are unique
 * across APIs, shaped like AWS's (16 characters of base64, `L0SM9cOFvHcCIhw=`).
 */
export class WebSocketConnections {
  private readonly open = new Map<string, LocalConnection>();

  newId(): string {
    for (;;) {
      // A `/` would have to be escaped in the `@connections/{id}` path; AWS's ids are used there as they are.
      const id = randomBytes(11).toString('base64');
      if (!id.includes('/') && !this.open.has(id)) return id;
    }
  }

  add(connection: LocalConnection): void {
    this.open.set(connection.id, connection);
  }

  remove(id: string): void {
    this.open.delete(id);
  }

  /** The open connection `id` of the API `apiId`; undefined once it is closed (AWS: 410 Gone). */
  get(apiId: string, id: string): LocalConnection | undefined {
    const connection = this.open.get(id);
    return connection?.apiId === apiId ? connection : undefined;
  }

  ofApi(apiId: string): LocalConnection[] {
    return [...this.open.values()].filter((connection) => connection.apiId === apiId);
  }
}
