import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { call, eventually, newCustomerId, placeOrder } from '../e2e/public-api';
import { SAMPLE_ORDER } from '../fixtures/orders';
import { browserAvailable, launchBrowser } from './browser';

/**
 * The local console in headless Chromium, on the shop's real assembly: an order's timeline by its
 * correlation id, its saga's path through the state graph, and a dead letter redriven with a click. It
 * takes the README's screenshots on the way: into docs/screenshots with `npm run docs:screenshots`
 * (UPDATE_SCREENSHOTS=1), elsewhere into a temp folder, so that `npm test` leaves the checkout unchanged.
 */
const consoleUrl = process.env.CONSOLE_URL as string;
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(__dirname, '../../docs/screenshots')
  : mkdtempSync(path.join(tmpdir(), 'console-screenshots-'));
const run = browserAvailable() ? describe : describe.skip;

interface ConsoleQueue {
  name: string;
  url: string;
  arn: string;
  visible: number;
  inFlight: number;
  delayed: number;
  sourceQueueArns: string[];
}

const consoleApi = async <T>(route: string): Promise<T> =>
  (await fetch(new URL(`api/${route}`, consoleUrl))).json() as Promise<T>;

/** Waits for an element (of several, the first) that shows `text`. */
const withText = (locator: Locator, text: string) =>
  locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });

/** The table (generated name) that holds an item mentioning `text`, found through the console's routes. */
async function tableHolding(text: string): Promise<string> {
  for (const table of await consoleApi<string[]>('tables')) {
    let start: string | undefined;
    do {
      const query = new URLSearchParams({ table, ...(start ? { start } : {}) });
      const page = await consoleApi<{ items: unknown[]; next?: string }>(`items?${query}`);
      if (JSON.stringify(page.items).includes(text)) return table;
      start = page.next;
    } while (start);
  }
  throw new Error(`no table holds ${text}`);
}

run('the local console', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  /** Every URL the page asked for: the timeline streams its records rather than polling for them. */
  const consoleRequests: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
    page.on('request', (request) => consoleRequests.push(request.url()));
  });
  afterAll(() => browser?.close());

  it("shows an order's timeline by correlation id and its saga's path", async () => {
    const sku = `CONSOLE-${randomUUID().slice(0, 8)}`;
    const stock = await call('PUT', `inventory/${sku}`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ available: 10, unitPrice: 4 }),
    });
    expect(stock.status).toBe(200);
    const correlationId = `console-${randomUUID()}`;
    const placed = await placeOrder(
      {
        ...SAMPLE_ORDER,
        sagaStyle: 'orchestration',
        customerId: await newCustomerId(),
        items: [{ sku, quantity: 2 }],
        paymentToken: 'tok_ok',
      },
      randomUUID(),
      { 'X-Correlation-Id': correlationId },
    );
    expect(placed.status).toBe(202);
    const { orderId } = placed.json<{ orderId: string }>();
    await eventually(async () => {
      const view = (await call('GET', `orders/${orderId}`)).json<{ status: string }>();
      return view.status === 'PENDING' ? undefined : view;
    }, 45_000);

    await page.goto(`${consoleUrl}#Timeline`);
    await page.click(`[data-correlation-id="${correlationId}"]`);
    const timeline = page.getByTestId('timeline');
    // The request's own invocation and, downstream, at least one more function or event: the group
    // holds more than the API call.
    await timeline.locator('.kind-lambda').first().waitFor();
    await timeline.locator('tr').nth(3).waitFor({ timeout: 10_000 });
    const durations = await timeline.locator('td.duration').allTextContents();
    expect(durations.some((d) => /^\d+ ms$/.test(d))).toBe(true);
    // The order's own request, as the API's access record (not only the invocation it caused): method,
    // path, status and latency, from the record's fields.
    const request = timeline
      .locator('tr', { has: page.locator('.kind-request') })
      .filter({ hasText: 'POST' });
    await request.first().waitFor({ timeout: 10_000 });
    expect(await request.first().locator('td.text').textContent()).toMatch(/^POST \/\S*orders\s*202$/);
    expect(await request.first().locator('td.duration').textContent()).toMatch(/^\d+ ms$/);
    // Streamed (server-sent events), not polled: the polling route is the fallback only.
    expect(consoleRequests.some((url) => url.includes('/api/trace/stream'))).toBe(true);
    expect(consoleRequests.filter((url) => /\/api\/trace\?/.test(url))).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'timeline.png') });

    // The saga started for this request, reached from its timeline.
    await page.locator('ul.executions a').first().click({ timeout: 15_000 });
    const graph = page.getByTestId('state-graph');
    await graph.waitFor();
    await graph.locator('[data-status=done]').nth(2).waitFor({ timeout: 20_000 });
    const done = await graph.locator('[data-status=done]').count();
    const idle = await graph.locator('[data-status=idle]').count();
    expect(done).toBeGreaterThanOrEqual(3);
    // A confirmed order skips the compensations: some states are not on its path.
    expect(idle).toBeGreaterThan(0);
    await graph.locator('[data-status=done]').first().click();
    await withText(page.getByTestId('state-input'), '{');
    await page.screenshot({ path: path.join(screenshots, 'execution.png'), fullPage: true });

    // The functions' log lines of that request alone.
    await page.goto(`${consoleUrl}#Logs/${correlationId}`);
    const logs = page.getByTestId('logs').locator('tr');
    await logs.first().waitFor();
    const lines = await logs.allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toContain(correlationId);
  });

  it('falls back to polling the timeline when the stream is refused', async () => {
    const polling = await context.newPage();
    try {
      await polling.route('**/api/trace/stream*', (route) =>
        route.fulfill({ status: 404, body: 'no stream' }),
      );
      const polled = polling.waitForRequest((request) => /\/api\/trace\?/.test(request.url()));
      await polling.goto(`${consoleUrl}#Timeline`);
      await polled;
      // The groups of the orders placed so far, from the polled records.
      await polling.locator('[data-correlation-id]').first().waitFor({ timeout: 10_000 });
    } finally {
      await polling.close();
    }
  });

  it("browses a table's items a page at a time", async () => {
    // More items than one page holds (25).
    const prefix = `PAGE-${randomUUID().slice(0, 8)}`;
    await Promise.all(
      Array.from({ length: 26 }, async (_, n) => {
        const set = await call('PUT', `inventory/${prefix}-${n}`, {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ available: 1, unitPrice: 1 }),
        });
        expect(set.status).toBe(200);
      }),
    );
    const holding = await tableHolding(prefix);
    await page.goto(`${consoleUrl}#Tables`);
    await page.locator('aside ul.groups a', { hasText: holding }).click();
    await page.locator('pre.item').first().waitFor();
    const pager = page.locator('.pager span');
    await withText(pager, 'Page 1');
    await withText(pager, '25 items');
    await page.getByRole('button', { name: 'Next page' }).click();
    await withText(pager, 'Page 2');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await withText(pager, 'Page 1');
  });

  it('redrives a dead letter back to its source queue with a click', async () => {
    const queues = await consoleApi<ConsoleQueue[]>('queues');
    const dlq = queues.find((q) => q.sourceQueueArns.length === 1 && q.visible === 0);
    if (!dlq) throw new Error('the shop has no dead-letter queue with a single source');
    const source = queues.find((q) => q.arn === dlq.sourceQueueArns[0]) as ConsoleQueue;
    const poison = `not json ${randomUUID()}`;
    const sqs = new SQSClient({
      endpoint: process.env.E2E_AWS_ENDPOINT as string,
      region: 'us-east-1',
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: dlq.url, MessageBody: poison }));
    sqs.destroy();

    await page.goto(`${consoleUrl}#Queues`);
    const card = page.locator(`.dlq[data-queue="${dlq.name}"]`);
    await withText(card.locator('td.body'), poison);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'queues.png'), fullPage: true });

    const total = (q: ConsoleQueue) => q.visible + q.inFlight + q.delayed;
    const before = (await consoleApi<ConsoleQueue[]>('queues')).find(
      (q) => q.arn === source.arn,
    ) as ConsoleQueue;
    await card.getByTestId('redrive').click();
    await withText(card.locator('.note'), `1 message moved back to ${source.name}`);
    const after = await consoleApi<ConsoleQueue[]>('queues');
    const emptied = after.find((q) => q.arn === dlq.arn) as ConsoleQueue;
    expect(total(emptied)).toBe(0);
    // Back in its source: waiting, or held by the source's consumer, which cannot read it either.
    const back = after.find((q) => q.arn === source.arn) as ConsoleQueue;
    expect(total(back)).toBe(total(before) + 1);
    await withText(card.locator('.empty'), 'No messages.');
  });
});
