import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ListArchivesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { archiveFiles } from '../../../../eventbridge';
import { archive, bus, busArn, startEventBridge, type TestCloud } from './eventbridge-test-kit';

/**
 * A restart of the local cloud under `--data-dir` is a new LocalEventBridge whose archives read back
 * what they recorded from the same directory, as EventBridge's archives outlive anything that restarts.
 */
let dir: string;
const clouds: TestCloud[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'archives-'));
});
afterEach(async () => {
  await Promise.all(clouds.splice(0).map((cloud) => cloud.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<TestCloud> {
  const cloud = await startEventBridge(
    [
      bus('shop'),
      archive('orders', { SourceArn: busArn('shop'), EventPattern: { source: ['shop.orders'] } }),
    ],
    { archiveLog: archiveFiles(dir) },
  );
  clouds.push(cloud);
  return cloud;
}

const put = (cloud: TestCloud, detailType: string) =>
  cloud.client.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: 'shop', Source: 'shop.orders', DetailType: detailType, Detail: '{"n":1}' }],
    }),
  );

it('keeps the archived events across a restart and adds the new ones after them', async () => {
  const first = await start();
  await put(first, 'A');
  await put(first, 'B');
  const before = first.service.archivedEvents('orders');
  await first.close();

  const second = await start();
  expect(second.service.archivedEvents('orders')).toEqual(before);
  await put(second, 'C');
  expect(second.service.archivedEvents('orders')?.map((event) => event['detail-type'])).toEqual([
    'A',
    'B',
    'C',
  ]);
  const { Archives } = await second.client.send(new ListArchivesCommand({}));
  expect(Archives?.[0]).toMatchObject({ ArchiveName: 'orders', EventCount: 3 });
});
