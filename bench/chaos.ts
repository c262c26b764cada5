import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dropBundlingAnnouncements } from '../test/helpers/build-chatter';
import { synthesizeShop } from './assembly';
import { chaosBudgetKept, renderChaos } from './chaos/chaos-table';
import { measureChaos } from './chaos/measure-chaos';
import { exitWith } from './exit-with';
import { silenceHostNodeNotice } from './host-node-notice';

/**
 * `npm run chaos`: the chaos figure alone (`npm run bench` prints it too). Synthesizes the local stage,
 * runs the full fault matrix (bench/chaos/fault-matrix.ts) on a local cloud of its own, prints the table
 * and exits 1 when a budget is broken: any order stuck, mismatched, lost or not ended as its fault must.
 * CHAOS_FAULTS=<regular expression> runs only the faults whose name matches it (to replay a finding).
 */
async function main(): Promise<number> {
  dropBundlingAnnouncements();
  silenceHostNodeNotice();
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'shop-chaos-cdk-'));
  try {
    console.error('Synthesizing the local stage...');
    synthesizeShop(outdir);
    console.error('Running the fault matrix on a local cloud of its own (a few minutes)...');
    const only = process.env.CHAOS_FAULTS ? new RegExp(process.env.CHAOS_FAULTS) : undefined;
    const chaos = await measureChaos(outdir, (line) => console.error(line), only);
    console.log(`Chaos: the fault matrix on the local cloud (${chaos.seconds} s)`);
    console.log(renderChaos(chaos.results).join('\n'));
    return chaosBudgetKept(chaos.results) ? 0 : 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

exitWith(main);
