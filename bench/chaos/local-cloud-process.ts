import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

/**
 * The local cloud as `npm start` runs it: its bin in a child process, on an assembly, with a data
 * directory, on ports fixed for its whole life, so that a restart serves the same URLs (the outputs file
 * the API helpers read stays right). `kill` is a power cut: SIGKILL of the bin's whole process group (its
 * function processes and DynamoDB Local too), no clean stop; `start` again resumes from the data directory.
 */
const BIN = path.join(REPO_ROOT, 'local', 'bin', 'local-cloud.js');
const READY_TIMEOUT_MS = 180_000;
/**
 * The shop's APIs get consecutive ports from the first: the public one, the provider's, then the services'
 * internal ones (customers, orders, payments, shipping); kept free with room for more.
 */
const API_PORTS = 10;

export class LocalCloudProcess {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly workDir: string,
    private readonly assemblyDir: string,
    private readonly apiPort: number,
    readonly endpoint: string,
    private readonly endpointPort: number,
  ) {}

  /** On free ports, the assembly as it is, its data and outputs in `workDir`. */
  static async create(workDir: string, assemblyDir: string): Promise<LocalCloudProcess> {
    const endpointPort = await freeRun(1, []);
    const apiPort = await freeRun(API_PORTS, [endpointPort]);
    return new LocalCloudProcess(
      workDir,
      assemblyDir,
      apiPort,
      `http://127.0.0.1:${endpointPort}`,
      endpointPort,
    );
  }

  get outputsFile(): string {
    return path.join(this.workDir, 'outputs.json');
  }

  /** Resolves once the bin printed "Ready"; rejects with what it printed if it exits or stays silent. */
  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        BIN,
        ...['--assembly', this.assemblyDir, '--data-dir', 'data', '--outputs-file', 'outputs.json'],
        ...['--port', String(this.apiPort), '--endpoint-port', String(this.endpointPort)],
      ],
      {
        cwd: this.workDir,
        // Its own process group: `kill` takes every process it started with it. The IPC channel: should
        // this process die (a killed bench), the bin sees it close and stops what it started.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    this.child = child;
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Not ready in time:\n${printed}`)), READY_TIMEOUT_MS);
      const collect = (chunk: Buffer) => {
        printed += chunk.toString();
        if (/^Ready in /m.test(printed)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The local cloud exited with ${code} before it was ready:\n${printed}`));
      });
    });
    // Its output once ready is the functions' logs: read and dropped, so the pipes never fill.
    child.stdout?.removeAllListeners('data').resume();
    child.stderr?.removeAllListeners('data').resume();
    child.removeAllListeners('exit');
  }

  /** A power cut: every process of the local cloud killed at once, nothing flushed or stopped cleanly. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** A clean stop (SIGTERM: the bin stops what it started), then whatever is left of the group killed. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined) return;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already: the clean stop ended everything.
    }
    this.child = undefined;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first of `count` consecutive free ports (none of them in `taken`), below the kernel's ephemeral
 * range (Linux: 32768 and up). A port the system handed out as ephemeral and we freed again could be
 * handed to the local cloud's own DynamoDB Local or function servers while it starts, which then fails
 * with EADDRINUSE (one bench run did); the kernel never hands out a port below that range.
 */
async function freeRun(count: number, taken: readonly number[]): Promise<number> {
  const [low, high] = [20_000, 32_768 - count];
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = low + Math.floor(Math.random() * (high - low));
    const ports = Array.from({ length: count }, (_, index) => first + index);
    if (ports.some((port) => taken.includes(port))) continue;
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return first;
  }
  throw new Error(`No ${count} consecutive free ports`);
}
