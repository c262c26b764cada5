import WebSocket from 'ws';
import type { PushMessage } from '../../lambdas/push/contract';
import { output } from './target';

/**
 * A client of the push API as an app is one: a `ws` WebSocket to the stage URL of the outputs file, the
 * user's ID token as `?token=` (browsers cannot set headers on the handshake). It keeps every message
 * in order and waits for the one a test expects.
 */
export class PushClient {
  readonly messages: PushMessage[] = [];
  private readonly waiting = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as PushMessage);
      for (const wake of this.waiting) wake();
    });
  }

  /** Connected, or the handshake's refusal as an error carrying its HTTP status. */
  static connect(token: string | null): Promise<PushClient> {
    const url = new URL(output('WebSocketUrl'));
    if (token !== null) url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new PushClient(socket)));
      socket.once('unexpected-response', (_, response) =>
        reject(Object.assign(new Error(`refused: ${response.statusCode}`), { status: response.statusCode })),
      );
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message since `from` that `matches`, waited for up to `timeoutMs`. */
  next(matches: (message: PushMessage) => boolean, timeoutMs = 30_000, from = 0): Promise<PushMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.slice(from).find(matches);
        if (found === undefined) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`No such message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }

  /** The order views received, in order of arrival. */
  updates(orderId: string) {
    return this.messages.flatMap((m) =>
      m.type === 'order.updated' && m.data.orderId === orderId ? [m.data] : [],
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
