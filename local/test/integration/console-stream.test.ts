import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';
import { openStream } from '../helpers/sse-client';

/**
 * The console's trace stream on a running cloud: an API request arrives as its own `request` record, in
 * its correlation id's group, and stopping the cloud ends the stream rather than waiting on it.
 */
let workDir: string;
let cloud: LocalCloud | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-console-stream-'));
  const assemblyDir = path.join(workDir, 'cdk.out');
  buildFixtureApp(assemblyDir).synth();
  cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0, console: true });
});
afterAll(async () => {
  await cloud?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

it('streams a request as it is answered, and ends when the cloud stops', async () => {
  if (!cloud?.consoleUrl) throw new Error('the console is off');
  const api = Object.values(cloud.outputs.LocalCloudFixture ?? {}).find((value) => value.includes('/test/'));
  if (api === undefined) throw new Error(`No API URL in ${JSON.stringify(cloud.outputs)}`);
  const stream = await openStream(new URL('api/trace/stream?after=0', cloud.consoleUrl).toString());

  const answered = await fetch(`${api}proxy/streamed`, { headers: { 'X-Correlation-Id': 'streamed-1' } });
  expect(answered.status).toBe(200);
  let request: Record<string, unknown> | undefined;
  while (!request) {
    const { record } = await stream.nextRecord();
    if (record.kind === 'request' && record.correlationId === 'streamed-1') request = record;
  }
  expect(request).toMatchObject({
    method: 'GET',
    path: expect.stringMatching(/\/proxy\/streamed$/),
    status: 200,
  });

  const stopping = cloud.stop();
  cloud = undefined;
  for (;;) if ((await stream.next()) === 'ended') break;
  await stopping;
});
