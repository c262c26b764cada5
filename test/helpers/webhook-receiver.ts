import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request as it reached the receiver: raw body and headers, for the real verifier to check. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly receivedAt: number;
}

/**
 * A webhook receiver on this machine, as a shop's client would run one: each path answers a script of
 * statuses (then 200), and keeps every request it got. Verification is left to `verified`, which uses the
 * `standardwebhooks` library, the receiver side of the specification, with the order's secret.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, number[]>();
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        receiver?.received.push({
          path,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
        });
        const status = receiver?.scripts.get(path)?.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  /** A fresh path, answering these statuses in turn, then 200. */
  endpoint(name: string, statuses: number[] = []): string {
    const path = `/hooks/${name}-${Math.random().toString(36).slice(2, 10)}`;
    this.scripts.set(path, [...statuses]);
    return `${this.baseUrl}${path}`;
  }

  to(url: string): ReceivedWebhook[] {
    const path = new URL(url).pathname;
    return this.received.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The payload of a delivery the `standardwebhooks` verifier accepts under `secret`; it throws otherwise. */
export function verified<T>(webhook: ReceivedWebhook, secret: string): T {
  const headers = Object.fromEntries(
    Object.entries(webhook.headers).map(([name, value]) => [name, String(value)]),
  );
  return new Webhook(secret).verify(webhook.body, headers) as T;
}
