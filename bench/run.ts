import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STAGES } from '../lib/config/stage-config';
import { type SynthesizedShop, stackTemplate, synthesizeShop } from './assembly';
import { type AsyncDeliveryBench, measureAsyncDelivery } from './async-delivery';
import {
  BUDGETS,
  evaluateBudgets,
  evaluateCompositionBudgets,
  evaluateEventSourcingBudgets,
  evaluateLocalCloudBudgets,
  evaluateProductCacheBudgets,
  evaluateSagaBudgets,
} from './budgets';
import { measureBundle } from './bundles';
import { chaosBudgetKept } from './chaos/chaos-table';
import { type ChaosBench, measureChaos } from './chaos/measure-chaos';
import { buildUnbundledBaseline, measureColdInit } from './cold-init';
import { type CompositionBench, measureComposition } from './composition';
import { type DynamoDbCallsReport, measurePlaceOrderCalls } from './dynamodb-calls';
import { type EventSourcingBench, measureEventSourcing } from './event-sourcing';
import { exitWith } from './exit-with';
import { silenceHostNodeNotice } from './host-node-notice';
import { lambdaEnvironment } from './lambda-runtime';
import { type LocalCloudBench, measureLocalCloud } from './local-cloud';
import { RESULTS_DIR, SCRATCH_DIR } from './paths';
import { measureProductCache, type ProductCacheBench } from './product-cache';
import { type BenchReport, type HandlerReport, renderReport, writeReport } from './report';
import { measureSaga, type SagaBench } from './saga';

/**
 * `npm run bench`: per-handler bundle size and cold module init against an unbundled baseline, the
 * DynamoDB calls of a place-order request and its duplicate, the local cloud's start time and
 * POST /orders throughput and latency next to the in-process floor, and event sourcing: aggregate load
 * time by history length with and without snapshots, and the projector's throughput; the place-order saga
 * end to end on the local cloud, with its cost per million orders; the chaos figure (bench/chaos/). Prints a table, writes JSON to
 * bench/results/, exits 1 when a budget fails (or the benchmark itself cannot run).
 *
 * BENCH_COLD_RUNS=<n> changes the number of cold starts per variant (default 21, at least 15).
 */
const DEFAULT_COLD_RUNS = 21;
const MIN_COLD_RUNS = 15;

async function main(): Promise<number> {
  silenceHostNodeNotice();
  const runs = coldInitRuns();
  // The cloud assembly goes to the system temp dir: the bundles are self-contained and must not pick
  // anything up from the repository. The baseline needs the repository (see paths.ts).
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-cdk-'));
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const scratch = mkdtempSync(path.join(SCRATCH_DIR, 'run-'));
  try {
    progress('Synthesizing the local stage (CDK bundles every function with esbuild)...');
    const shop = synthesizeShop(outdir);

    const handlers: HandlerReport[] = [];
    for (const fn of shop.functions) {
      const baselinePath = await buildUnbundledBaseline(fn, scratch);
      progress(`Timing module init of ${fn.name}: ${runs} x bundled + ${runs} x unbundled...`);
      handlers.push({
        name: fn.name,
        description: fn.description,
        cdkPath: fn.cdkPath,
        assetPath: path.basename(path.dirname(fn.bundlePath)),
        size: measureBundle(fn),
        coldInit: await measureColdInit(fn.bundlePath, baselinePath, lambdaEnvironment(fn), runs),
      });
    }

    progress('Counting DynamoDB calls of place-order against DynamoDB Local...');
    const dynamodbCalls = await placeOrderCalls(shop);

    progress(
      `The local cloud with and without its pipeline: sequential POST /orders, then ${LOAD.connections} connections for ${LOAD.seconds} s; then the in-process floor...`,
    );
    const localCloud = await localCloudLoad(shop, outdir);

    progress(
      'Event sourcing against DynamoDB Local: aggregate loads (10 to 10,000 events) and projector throughput...',
    );
    const eventSourcing = await eventSourcingBench(shop);

    progress(
      `The place-order saga on the local cloud: ${SAGA.orders} orders, ${SAGA.concurrency} at a time...`,
    );
    const saga = await sagaBench(outdir);

    progress("The apps' composed order on the local cloud: composed, each part alone, payments held...");
    const composition = await compositionBench(outdir);

    progress('GET /products/{sku} and the stage cache: hits against refreshed misses...');
    const productCache = await productCacheBench(outdir);

    progress('The async styles: final status to signed callback...');
    const asyncDelivery = await asyncDeliveryBench(outdir);

    progress('Chaos: the fault matrix on a local cloud of its own (a few minutes)...');
    const chaos = await chaosBench(outdir);

    const budgets = [
      ...evaluateBudgets(handlers, 'error' in localCloud ? null : localCloud.startMs),
      ...evaluateLocalCloudBudgets('error' in localCloud ? null : localCloud),
      ...evaluateEventSourcingBudgets('error' in eventSourcing ? null : eventSourcing),
      ...evaluateSagaBudgets('error' in saga ? null : saga),
      ...evaluateCompositionBudgets('error' in composition ? null : composition),
      ...evaluateProductCacheBudgets('error' in productCache ? null : productCache),
    ];
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      machine: {
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      },
      coldInitRuns: runs,
      handlers,
      budgets,
      dynamodbCalls,
      localCloud,
      eventSourcing,
      saga,
      composition,
      productCache,
      asyncDelivery,
      chaos,
      pass:
        budgets.every((budget) => budget.pass) &&
        !('error' in dynamodbCalls) &&
        !('error' in localCloud) &&
        !('error' in eventSourcing) &&
        !('error' in saga) &&
        !('error' in composition) &&
        !('error' in productCache) &&
        !('error' in asyncDelivery) &&
        !('error' in chaos) &&
        chaosBudgetKept(chaos.results),
    };
    console.log(renderReport(report));
    for (const file of writeReport(report, RESULTS_DIR))
      console.log(`Wrote ${path.relative(process.cwd(), file)}`);
    return report.pass ? 0 : 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    removeIfEmpty(SCRATCH_DIR);
  }
}

/**
 * A failure here (no Java for DynamoDB Local, say) is reported with the other results rather than
 * thrown, so a minute of cold-start measurements is not lost; it still fails the run.
 */
async function placeOrderCalls(shop: SynthesizedShop): Promise<DynamoDbCallsReport | { error: string }> {
  const fn = shop.functions.find((candidate) => candidate.name === BUDGETS.placeOrderHandler);
  if (fn === undefined) return { error: `No ${BUDGETS.placeOrderHandler} function in the app.` };
  try {
    return await measurePlaceOrderCalls(fn, stackTemplate(shop, fn.stackName));
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The load: 10 connections for 10 s (BENCH_LOAD_SECONDS shortens it for a quick look). */
const LOAD = { connections: 10, seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 10) };

async function localCloudLoad(
  shop: SynthesizedShop,
  outdir: string,
): Promise<LocalCloudBench | { error: string }> {
  const fn = shop.functions.find((candidate) => candidate.name === BUDGETS.placeOrderHandler);
  if (fn === undefined) return { error: `No ${BUDGETS.placeOrderHandler} function in the app.` };
  try {
    const customers = shop.stacks.find((stack) => stack.stackName.endsWith('-Customers'));
    if (customers === undefined) return { error: 'No Customers stack in the app.' };
    const templates = { orders: stackTemplate(shop, fn.stackName), customers: customers.template };
    return await measureLocalCloud(outdir, templates, LOAD);
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Enough orders for a p99 that is not just the maximum of a handful. */
const SAGA = { orders: Number(process.env.BENCH_SAGA_ORDERS ?? 100), concurrency: 4 };

async function productCacheBench(outdir: string): Promise<ProductCacheBench | { error: string }> {
  try {
    return await measureProductCache(outdir);
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function asyncDeliveryBench(outdir: string): Promise<AsyncDeliveryBench | { error: string }> {
  try {
    return await measureAsyncDelivery(outdir);
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function compositionBench(outdir: string): Promise<CompositionBench | { error: string }> {
  try {
    const { apps } = STAGES.local;
    return await measureComposition(outdir, {
      deadlineMs: apps.deadline.toMilliseconds(),
      partTimeoutMs: apps.partTimeout.toMilliseconds(),
    });
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function sagaBench(outdir: string): Promise<SagaBench | { error: string }> {
  try {
    return await measureSaga(outdir, SAGA);
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function chaosBench(outdir: string): Promise<ChaosBench | { error: string }> {
  try {
    return await measureChaos(outdir, progress);
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Settings from the local stage, as deployed: the snapshot interval and the projector's batch size. */
async function eventSourcingBench(shop: SynthesizedShop): Promise<EventSourcingBench | { error: string }> {
  const fn = shop.functions.find((candidate) => candidate.name === BUDGETS.placeOrderHandler);
  if (fn === undefined) return { error: `No ${BUDGETS.placeOrderHandler} function in the app.` };
  try {
    const { orders } = STAGES.local;
    return await measureEventSourcing(stackTemplate(shop, fn.stackName), {
      snapshotEvery: orders.snapshotEvery,
      projectorBatchSize: orders.projector.batchSize,
    });
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

function coldInitRuns(): number {
  const raw = process.env.BENCH_COLD_RUNS;
  if (raw === undefined || raw === '') return DEFAULT_COLD_RUNS;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < MIN_COLD_RUNS) {
    throw new Error(`BENCH_COLD_RUNS must be an integer >= ${MIN_COLD_RUNS}; fewer runs make medians noise.`);
  }
  return runs;
}

/** Another run may be using the scratch directory at the same time; only the last one out removes it. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty, or already gone: either way nothing to clean up.
  }
}

/** Progress goes to stderr, so stdout carries only the report. */
function progress(message: string): void {
  console.error(message);
}

exitWith(main);
