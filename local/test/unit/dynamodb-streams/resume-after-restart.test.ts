import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileCheckpoints } from '../../../dynamodb-streams';
import { fakeLambda, idsOf, streamsTestKit } from './stream-test-kit';

/**
 * A mapping whose checkpoints are files (`--data-dir`) is stopped and started again, as the local cloud is
 * across a restart: it reads on after the last record it handled, as Lambda's pollers do, and never
 * delivers the stream again from its starting position.
 */
const kit = streamsTestKit();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stream-checkpoints-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the mapping once with the checkpoints in `dir` read afresh, until the stream is drained. */
async function runOnce(table: string, properties: Record<string, unknown> = {}) {
  const lambda = fakeLambda();
  const { sources } = kit.sources(table, lambda.service, properties, { checkpoints: fileCheckpoints(dir) });
  await sources.start();
  await sources.drain();
  await sources.stop();
  return lambda.calls.flatMap(idsOf);
}

it('delivers after a restart only the records written since the last one it handled', async () => {
  const table = await kit.createTable();
  await kit.put(table, 'a');
  await kit.put(table, 'b');
  expect(await runOnce(table)).toEqual(['a', 'b']);

  await kit.put(table, 'c'); // written while the mapping is stopped
  expect(await runOnce(table)).toEqual(['c']);
  expect(await runOnce(table)).toEqual([]);
});

it('moves past records no filter matches, so they are not read again either', async () => {
  const table = await kit.createTable();
  const onlyKept = {
    FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"Keys":{"id":{"S":["keep"]}}}}' }] },
  };
  await kit.put(table, 'skip');
  await kit.put(table, 'keep');
  expect(await runOnce(table, onlyKept)).toEqual(['keep']);
  await kit.put(table, 'skip-too');
  expect(await runOnce(table, onlyKept)).toEqual([]);
  expect([...(fileCheckpoints(dir).of('Test/Mapping')?.values() ?? [])]).toHaveLength(1);
});

it('resumes a LATEST mapping after its checkpoint, not at the stream end', async () => {
  const table = await kit.createTable();
  await kit.put(table, 'before-first-start');
  const lambda = fakeLambda();
  const first = kit.sources(
    table,
    lambda.service,
    { StartingPosition: 'LATEST' },
    { checkpoints: fileCheckpoints(dir) },
  );
  await first.sources.start();
  await kit.put(table, 'x');
  await first.sources.drain();
  await first.sources.stop();
  expect(lambda.calls.flatMap(idsOf)).toEqual(['x']);

  await kit.put(table, 'y'); // written while stopped: LATEST alone would miss it
  expect(await runOnce(table, { StartingPosition: 'LATEST' })).toEqual(['y']);
});
