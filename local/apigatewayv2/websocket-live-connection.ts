import { isUtf8 } from 'node:buffer';
import type { WebSocket } from 'ws';
import { GOING_AWAY, type LocalConnection, type ServerClose } from './websocket-connections';
import type { ConnectionContext } from './websocket-events';

/** How long a connection may stay open, and stay silent: AWS's quotas unless a test shortens them. */
export interface WebSocketLimits {
  /** No message either way for this long closes the connection (AWS: 10 minutes). */
  readonly idleTimeoutMs: number;
  /** A connection is closed this long after it opened, whatever it does (AWS: 2 hours). */
  readonly maxConnectionMs: number;
}

export const AWS_WEBSOCKET_LIMITS: WebSocketLimits = {
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionMs: 2 * 60 * 60 * 1000,
};

/** A message over 128 KB: the gateway closes with 1009, as AWS's quota note says. */
const TOO_BIG: ServerClose = { code: 1009, reason: '', disconnectReason: 'Message too big' };

/**
 * An accepted socket as API Gateway keeps it: the face the `@connections` API sees (send, close, when it
 * was last active), closed as going away when idle or at its maximum duration, and its end reported
 * once, with the code and reason `$disconnect` is told: the gateway's own when it closed it, else the
 * client's (`1006` for a client that vanished).
 */
export function liveConnection(
  ws: WebSocket,
  connection: ConnectionContext,
  limits: WebSocketLimits,
  now: () => number,
  on: {
    readonly onMessage: (data: Buffer, isBinary: boolean) => void;
    readonly onClose: (code: number, reason: string) => void;
  },
): { readonly local: LocalConnection; readonly closed: Promise<void> } {
  let lastActiveAt = connection.connectedAt;
  let closing: ServerClose | undefined;
  const close = (why: ServerClose) => {
    if (closing) return;
    closing = why;
    ws.close(why.code, why.reason);
  };
  const idle = setTimeout(() => close(GOING_AWAY), limits.idleTimeoutMs).unref();
  const maxDuration = setTimeout(() => close(GOING_AWAY), limits.maxConnectionMs).unref();
  // Activity either way keeps a connection from idling out.
  const touch = () => {
    lastActiveAt = now();
    idle.refresh();
  };
  const local: LocalConnection = {
    id: connection.connectionId,
    apiId: connection.apiId,
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    get lastActiveAt() {
      return lastActiveAt;
    },
    sourceIp: connection.sourceIp,
    userAgent: connection.userAgent,
    send: (data) =>
      new Promise<void>((resolve, reject) => {
        if (closing || ws.readyState !== ws.OPEN) {
          reject(new Error('closed'));
          return;
        }
        touch();
        ws.send(data, { binary: !isUtf8(data) }, (error) => (error ? reject(error) : resolve()));
      }),
    close,
  };
  const closed = new Promise<void>((resolve) => {
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(idle);
      clearTimeout(maxDuration);
      on.onClose(closing?.code ?? code, closing ? closing.disconnectReason : reason.toString('utf8'));
      resolve();
    });
  });
  ws.on('error', (error: Error & { code?: string }) => {
    // `ws` closes a connection whose message passes `maxPayload` with 1009 itself.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') closing ??= TOO_BIG;
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    touch();
    on.onMessage(data, isBinary);
  });
  return { local, closed };
}
