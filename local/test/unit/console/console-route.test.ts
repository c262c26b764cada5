import { ConsoleApi } from '../../../console/console-api';
import { ConsoleRoute } from '../../../console/console-route';
import { TraceRing } from '../../../console/trace-ring';
import { EndpointServer } from '../../../endpoint/endpoint-server';

/** The console on the AWS endpoint: its page, the libraries it imports, its JSON, and no trace of itself. */
const traced: string[] = [];
const ring = new TraceRing(10);
const server = new EndpointServer({ services: [], onTrace: (line) => traced.push(line) });
server.addRoute(new ConsoleRoute(new ConsoleApi({ ring })));
let base: string;
beforeAll(async () => {
  base = await server.listen(0, '127.0.0.1');
});
afterAll(() => server.close());

it('serves the page, its modules and the libraries from node_modules, with their types', async () => {
  const page = await fetch(`${base}/_console/`);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await page.text()).toContain('"preact": "./vendor/preact.mjs"');
  for (const file of [
    'app.js',
    'style.css',
    'vendor/preact.mjs',
    'vendor/preact-hooks.mjs',
    'vendor/htm.mjs',
  ]) {
    const response = await fetch(`${base}/_console/${file}`);
    expect([file, response.status]).toEqual([file, 200]);
  }
  const htm = await (await fetch(`${base}/_console/vendor/htm.mjs`)).text();
  expect(htm).toMatch(/export\s*\{|export default/);
});

it('redirects /_console to the page and answers 404 for anything else under it', async () => {
  const bare = await fetch(`${base}/_console`, { redirect: 'manual' });
  expect([bare.status, bare.headers.get('location')]).toEqual([302, '/_console/']);
  // Only the listed files: a name is looked up, never joined to a path.
  expect((await fetch(`${base}/_console/..%2Fconsole-route.ts`)).status).toBe(404);
  expect((await fetch(`${base}/_console/nope.js`)).status).toBe(404);
  expect((await fetch(`${base}/_console/api/nothing`)).status).toBe(404);
});

it('answers its JSON routes, and its own requests never reach the trace it shows', async () => {
  ring.push({ kind: 'api', line: 'api      GET /' });
  const answer = await fetch(`${base}/_console/api/trace?after=0`);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(await answer.json()).toEqual({
    lastSeq: 1,
    records: [expect.objectContaining({ line: 'api      GET /' })],
  });
  expect(traced).toEqual([]);
});
