import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { killWithOwner } from '../shared/reaper';
import { functionFailure, runtimeExited, timedOut } from './error-results';
import { type ChildMessage, type InvokeMessage, isChildMessage } from './protocol';
import type { InvokeResult, LocalFunctionDefinition } from './types';

const BOOTSTRAP = path.join(__dirname, 'runtime', 'bootstrap.mjs');

/** Lambda's limit on the init phase (loading the handler's module) of an on-demand environment. */
export const INIT_TIMEOUT_SECONDS = 10;

export interface EnvironmentOptions {
  readonly definition: LocalFunctionDefinition;
  /** The Node binary for the function's runtime (node-runtimes.ts); this process's when absent. */
  readonly execPath?: string;
  /** The child's complete environment (see environment-variables.ts). */
  readonly variables: Readonly<Record<string, string>>;
  /** Each line the child writes to stdout or stderr. */
  readonly onLog: (line: string) => void;
  /** Called once, when the process is gone, whatever ended it. */
  readonly onExit: (environment: ExecutionEnvironment) => void;
}

export interface InvocationRequest {
  readonly requestId: string;
  /** The event as JSON text. */
  readonly event: string;
  readonly invokedFunctionArn: string;
  /** The invocation's `_X_AMZN_TRACE_ID`, if it is traced. */
  readonly traceId?: string;
}

export interface InvocationOutcome {
  readonly result: InvokeResult;
  /** False when the environment is gone or must be discarded (init failure, timeout, crash). */
  readonly reusable: boolean;
}

type Settlement =
  | { readonly kind: 'message'; readonly message: ChildMessage }
  | { readonly kind: 'exit' }
  | { readonly kind: 'timeout' };

/**
 * One execution environment: a Node child process running runtime/bootstrap.mjs for one function. It
 * loads the handler when it starts and then serves one invocation at a time, for as long as the pool
 * keeps it. Invocations never reject: every way an invocation can end is a Lambda-shaped result.
 */
export class ExecutionEnvironment {
  /** Resolves once the process has exited and its IPC channel is closed. */
  readonly gone: Promise<void>;
  private readonly child: ChildProcess;
  private readonly spawnedAt = Date.now();
  /** The init phase's outcome: undefined when the handler is loaded. */
  private readonly initialized: Promise<Settlement | undefined>;
  private exitReason: string | undefined;
  private hasExited = false;
  /** The one pending wait for the child (init, then each invocation in turn). */
  private settle: ((settlement: Settlement) => void) | undefined;

  constructor(private readonly options: EnvironmentOptions) {
    const { definition } = options;
    this.child = fork(BOOTSTRAP, [], {
      ...(options.execPath === undefined ? {} : { execPath: options.execPath }),
      cwd: definition.codeDirectory,
      env: options.variables,
      // No flag of this process (a TypeScript loader, a test runner's) may reach the function.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    // The child exits when its IPC channel closes (bootstrap.mjs), but only if its main thread is free to
    // see it: a handler spinning in a loop would outlive a SIGKILLed owner. The reaper kills it then.
    killWithOwner(this.child);
    forwardLines(this.child.stdout, options.onLog);
    forwardLines(this.child.stderr, options.onLog);
    this.child.on('message', (message: unknown) => {
      if (isChildMessage(message)) this.settle?.({ kind: 'message', message });
    });
    this.gone = new Promise((resolve) => this.watchExit(resolve));
    // Registered now, before any message can arrive, so that `ready` is never missed.
    this.initialized = this.waitFor(this.spawnedAt + INIT_TIMEOUT_SECONDS * 1000, isInitMessage).then(
      (settlement) =>
        settlement.kind === 'message' && settlement.message.type === 'ready' ? undefined : settlement,
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    const initFailure = await this.initialized;
    if (initFailure) return this.failedInit(request.requestId, initFailure);

    const { timeoutSeconds } = this.options.definition;
    const started = Date.now();
    const deadlineMs = started + timeoutSeconds * 1000;
    const answered = this.waitFor(
      deadlineMs,
      (message) =>
        (message.type === 'result' || message.type === 'error') && message.requestId === request.requestId,
    );
    const message: InvokeMessage = { type: 'invoke', ...request, deadlineMs };
    // A failed send means the child is exiting: the exit settles the wait.
    this.child.send(message, () => undefined);
    const settlement = await answered;
    const durationMs = Date.now() - started;

    switch (settlement.kind) {
      case 'timeout':
        await this.kill();
        return { result: timedOut(request.requestId, timeoutSeconds, durationMs), reusable: false };
      case 'exit':
        return { result: runtimeExited(request.requestId, this.describeExit(), durationMs), reusable: false };
      case 'message':
        return answer(settlement.message, durationMs);
    }
  }

  /** Ends the process (SIGKILL: nothing in it may delay the shutdown); resolves when it is gone. */
  kill(): Promise<void> {
    if (!this.hasExited && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    return this.gone;
  }

  private async failedInit(requestId: string, settlement: Settlement): Promise<InvocationOutcome> {
    // An environment whose init failed never serves anything: Lambda starts a fresh one next time.
    await this.kill();
    const durationMs = Date.now() - this.spawnedAt;
    switch (settlement.kind) {
      case 'timeout':
        return { result: timedOut(requestId, INIT_TIMEOUT_SECONDS, durationMs), reusable: false };
      case 'exit':
        return { result: runtimeExited(requestId, this.describeExit(), durationMs), reusable: false };
      case 'message':
        return { result: answer(settlement.message, durationMs).result, reusable: false };
    }
  }

  private waitFor(deadlineMs: number, accept: (message: ChildMessage) => boolean): Promise<Settlement> {
    return new Promise((resolve) => {
      const finish = (settlement: Settlement) => {
        clearTimeout(timer);
        this.settle = undefined;
        resolve(settlement);
      };
      const timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, deadlineMs - Date.now()));
      if (this.hasExited) return finish({ kind: 'exit' });
      this.settle = (settlement) => {
        if (settlement.kind !== 'message' || accept(settlement.message)) finish(settlement);
      };
    });
  }

  /**
   * The process counts as gone when it has exited AND its IPC channel is closed: only then is every
   * message it sent before exiting (a fatal error report) delivered, so an exit never overtakes one.
   */
  private watchExit(resolve: () => void): void {
    let exited = false;
    const maybeGone = () => {
      if (this.hasExited || !exited || this.child.connected) return;
      this.hasExited = true;
      this.settle?.({ kind: 'exit' });
      this.options.onExit(this);
      resolve();
    };
    this.child.on('exit', (code, signal) => {
      this.exitReason = code === null ? `signal: ${signal}` : `exit status ${code}`;
      exited = true;
      maybeGone();
    });
    this.child.on('disconnect', maybeGone);
    this.child.on('error', (error) => {
      // Spawning failed (e.g. the code directory does not exist): there will be no exit event.
      if (this.child.pid !== undefined) return;
      this.exitReason = error.message;
      exited = true;
      maybeGone();
    });
  }

  private describeExit(): string {
    return this.exitReason ?? 'unknown';
  }
}

function isInitMessage(message: ChildMessage): boolean {
  return message.type === 'ready' || message.type === 'init-error';
}

function answer(message: ChildMessage, durationMs: number): InvocationOutcome {
  switch (message.type) {
    case 'result':
      return { result: { ok: true, payload: JSON.parse(message.payload), durationMs }, reusable: true };
    case 'error':
      // A handled error leaves the environment warm; an uncaught one ends it.
      return { result: functionFailure(message.error, durationMs), reusable: !message.fatal };
    case 'init-error':
      return { result: functionFailure(message.error, durationMs), reusable: false };
    case 'ready':
      throw new Error('A ready message is not an answer to an invocation');
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
}
