import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWebhookSender } from '../../../lambdas/notifications/adapters/http-webhook-sender';
import type { ResolveHost } from '../../../lambdas/shared/http/callback-url-guard';

/**
 * The sender against real sockets on this machine: what a receiver's answer, silence, redirect or endless
 * body does to an attempt, and the SSRF guard at delivery time (policy `public-https`, the guard on), where
 * the name's DNS is a test's and may change between the check and the connection.
 */
let server: Server;
let port: number;
let handler: RequestListener = (_, response) => response.end('ok');
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
  handler = (_, response) => response.end('ok');
});

const post = (sender: HttpWebhookSender, path = '/hook') =>
  sender.send({ url: `http://127.0.0.1:${port}${path}`, headers: { 'webhook-id': 'evt_1' }, body: '{}' });

describe('delivering to a receiver (local policy)', () => {
  it('gives the receiver status and how long it took', async () => {
    handler = (_, response) => response.writeHead(204).end();
    const outcome = await post(new HttpWebhookSender('local', 5_000));
    expect(outcome).toEqual({ status: 204, durationMs: expect.any(Number) });
  });

  it('does not follow a redirect: the 302 is the answer', async () => {
    handler = (request, response) =>
      request.url === '/hook'
        ? response.writeHead(302, { location: '/elsewhere' }).end()
        : response.end('ok');
    const outcome = await post(new HttpWebhookSender('local', 5_000));
    expect(outcome.status).toBe(302);
    expect(requests).toEqual(['/hook']);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    handler = () => undefined;
    const outcome = await post(new HttpWebhookSender('local', 300));
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toMatch(/no answer within 300 ms/);
  });

  it('reads an endless answer no further than a few KB', async () => {
    handler = (_, response) => {
      response.writeHead(200);
      const chunk = 'x'.repeat(1024);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on('close', () => clearInterval(timer));
    };
    const outcome = await post(new HttpWebhookSender('local', 5_000));
    expect(outcome.status).toBe(200);
    expect(outcome.durationMs).toBeLessThan(5_000);
  });

  it('never waits longer than Standard Webhooks 15 s, whatever it is configured with', async () => {
    handler = () => undefined;
    const sender = new HttpWebhookSender('local', 60_000);
    expect((sender as unknown as { timeoutMs: number }).timeoutMs).toBe(15_000);
  });

  it('reports a refused connection as an attempt without a status', async () => {
    const outcome = await new HttpWebhookSender('local', 1_000).send({
      url: 'http://127.0.0.1:1/hook',
      headers: {},
      body: '{}',
    });
    expect(outcome).toEqual({ error: expect.stringMatching(/ECONNREFUSED/), durationMs: expect.any(Number) });
  });
});

describe('the SSRF guard at delivery time (public-https)', () => {
  it('refuses a name that now resolves to a private address, before connecting', async () => {
    const resolve: ResolveHost = async () => ['10.0.0.5'];
    const outcome = await new HttpWebhookSender('public-https', 1_000, resolve).send({
      url: 'https://hooks.example/hook',
      headers: {},
      body: '{}',
    });
    expect(outcome.error).toMatch(/^refused: .*private address \(10\.0\.0\.5\)/);
  });

  it('refuses a name that turns to loopback between the check and the connection (DNS rebinding)', async () => {
    let lookups = 0;
    const resolve: ResolveHost = async () => (++lookups === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    const outcome = await new HttpWebhookSender('public-https', 1_000, resolve).send({
      url: `https://rebinding.example:${port}/hook`,
      headers: {},
      body: '{}',
    });
    expect(lookups).toBe(2);
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toMatch(/loopback address \(127\.0\.0\.1\)/);
    expect(requests).toEqual([]);
  });

  it('refuses plain http to this machine, which only the local stage allows', async () => {
    const outcome = await post(new HttpWebhookSender('public-https', 1_000, async () => ['127.0.0.1']));
    expect(outcome.error).toMatch(/^refused: callbackUrl must be an https URL/);
    expect(requests).toEqual([]);
  });
});
