import WebSocket from 'ws';

/** A `ws` client with its messages queued for `next()` and its end as a promise. */
export interface TestSocket {
  readonly ws: WebSocket;
  /** The next message from the gateway (text), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<string>;
  /** Sends `value` as JSON, or a string as it is. */
  send(value: unknown): void;
  /** Resolves when the connection is closed, with the close frame's code and reason. */
  readonly closed: Promise<{ code: number; reason: string; at: number }>;
}

/** Connects to `url`; rejects with the HTTP status when the gateway refuses the handshake. */
export function connect(
  url: string,
  headers: Record<string, string> = {},
  subprotocols: string[] = [],
): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, subprotocols, { headers });
    const queued: string[] = [];
    const waiting: Array<(message: string) => void> = [];
    ws.on('message', (data: Buffer) => {
      const message = data.toString('utf8');
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else queued.push(message);
    });
    const closed = new Promise<{ code: number; reason: string; at: number }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString('utf8'), at: Date.now() })),
    );
    ws.on('unexpected-response', (_req, res) => {
      reject(new RefusedHandshake(res.statusCode ?? 0));
      ws.terminate();
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        closed,
        send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
        next: (timeoutMs = 10_000) =>
          new Promise((got, failed) => {
            const message = queued.shift();
            if (message !== undefined) {
              got(message);
              return;
            }
            const timer = setTimeout(() => failed(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
            waiting.push((text) => {
              clearTimeout(timer);
              got(text);
            });
          }),
      }),
    );
  });
}

export class RefusedHandshake extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with HTTP ${status}`);
  }
}

/** The status the gateway refused the handshake with (fails the test if it accepted it). */
export async function refusal(url: string): Promise<number> {
  try {
    const socket = await connect(url);
    socket.ws.terminate();
  } catch (error) {
    if (error instanceof RefusedHandshake) return error.status;
    throw error;
  }
  throw new Error(`${url} accepted the connection`);
}
