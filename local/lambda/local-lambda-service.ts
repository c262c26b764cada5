import { randomUUID } from 'node:crypto';
import { AsyncInvocations } from './async-invocations';
import { CrashInjection, type CrashPlan } from './crash-injection';
import { DEFAULT_RUNTIME, lambdaEnvironment, type ServiceIdentity } from './environment-variables';
import { runtimeExited, throttled } from './error-results';
import { ExecutionEnvironment, type InvocationRequest } from './execution-environment';
import { FunctionPool } from './function-pool';
import { FunctionRegistry } from './function-registry';
import { invocationTraceId } from './invocation-trace';
import { RuntimeChoices } from './node-runtimes';
import type {
  AsyncInvocationRecord,
  InvokeOptions,
  InvokeResult,
  LambdaService,
  LocalFunctionDefinition,
} from './types';

export interface LocalLambdaOptions extends ServiceIdentity {
  /** Environments per function when it has no reserved concurrency (default 10). */
  readonly maxConcurrencyPerFunction?: number;
  /**
   * How long a synchronous invoke of a function without reserved concurrency waits for one of those
   * environments before it is throttled (default 30 s, just over API Gateway's 29 s integration timeout).
   * The cap is this machine's, not the template's: AWS would start more environments, so the invoke queues.
   */
  readonly maxWaitForEnvironmentMs?: number;
  /** Waits between the attempts of an asynchronous invocation (default [1000, 2000]; Lambda's are minutes). */
  readonly asyncRetryDelaysMs?: readonly number[];
  /** Every line a function writes to stdout or stderr (default: dropped). */
  readonly onLog?: (functionName: string, line: string) => void;
  /**
   * Delivers the record of an asynchronous invocation to the function's on-success or on-failure
   * destination (an SQS queue, an EventBridge bus, ...).
   */
  readonly onAsyncDestination?: (destinationArn: string, record: AsyncInvocationRecord) => Promise<void>;
  /** Each attempt of an asynchronous invocation, once it has run: its function's name and outcome. */
  readonly onAsyncAttempt?: (functionName: string, result: InvokeResult) => void;
}

export const DEFAULT_MAX_CONCURRENCY_PER_FUNCTION = 10;
export const DEFAULT_MAX_WAIT_FOR_ENVIRONMENT_MS = 30_000;
export const DEFAULT_ASYNC_RETRY_DELAYS_MS: readonly number[] = [1000, 2000];

interface RegisteredFunction {
  readonly definition: LocalFunctionDefinition;
  readonly pool: FunctionPool;
}

/**
 * Lambda on this machine: every execution environment is a Node child process running the function's
 * code with only its own environment, reused while warm, killed past its timeout, limited in number per
 * function. Synchronous invokes beyond reserved concurrency are throttled; beyond the local cap they wait
 * (bounded); asynchronous ones queue, are retried and end at the on-success or on-failure destination.
 * See README.md for what differs from Lambda.
 */
export class LocalLambdaService implements LambdaService {
  private readonly functions = new FunctionRegistry<RegisteredFunction>();
  private readonly asyncInvocations: AsyncInvocations;
  private readonly crashes = new CrashInjection();
  /** Which Node binary runs each declared `Runtime`. */
  private readonly runtimes = new RuntimeChoices();
  private closed = false;

  constructor(private readonly options: LocalLambdaOptions) {
    this.asyncInvocations = new AsyncInvocations({
      retryDelaysMs: options.asyncRetryDelaysMs ?? DEFAULT_ASYNC_RETRY_DELAYS_MS,
      onDestination: options.onAsyncDestination,
      report: (functionName, message) => this.log(functionName, `[local lambda] ${message}`),
    });
  }

  register(definition: LocalFunctionDefinition): void {
    this.assertOpen();
    const limit =
      definition.reservedConcurrency ??
      this.options.maxConcurrencyPerFunction ??
      DEFAULT_MAX_CONCURRENCY_PER_FUNCTION;
    const node = this.runtimes.nodeFor(definition.runtime ?? DEFAULT_RUNTIME);
    const pool = new FunctionPool(
      limit,
      (onExit) =>
        new ExecutionEnvironment({
          definition,
          execPath: node.execPath,
          variables: lambdaEnvironment(definition, this.options),
          onLog: (line) => this.log(definition.name, line),
          onExit,
        }),
    );
    this.functions.add({ definition, pool });
  }

  /**
   * Starts an execution environment of the function now, unless it has one: for functions a person waits
   * on (behind an API), so the first request does not pay the cold start. Lambda's provisioned concurrency
   * does the same; here it is one environment, and more start on demand as before.
   */
  prewarm(functionNameOrArn: string): void {
    this.assertOpen();
    this.functions.resolve(functionNameOrArn).entry.pool.prewarm();
  }

  /**
   * What to print once at start about the registered functions' runtimes, one line per runtime: one that
   * runs on another Node major than it declares (none installed), one that AWS has deprecated.
   */
  runtimeWarnings(): string[] {
    return this.runtimes.warnings();
  }

  /** Whether a function answers to this name or ARN (see FunctionRegistry). */
  has(functionNameOrArn: string): boolean {
    try {
      this.functions.resolve(functionNameOrArn);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Runs the function and answers with its result. Rejects with `ResourceNotFoundException` for an
   * unknown function. At reserved concurrency the result is `Throttled` at once, as on AWS (see
   * InvokeResult); at the local cap of an unreserved function the invoke waits for an environment, and is
   * throttled only when none frees up within `maxWaitForEnvironmentMs`.
   */
  async invoke(
    functionNameOrArn: string,
    event: unknown,
    options: InvokeOptions = {},
  ): Promise<InvokeResult> {
    this.assertOpen();
    const { entry, invokedFunctionArn } = this.functions.resolve(functionNameOrArn);
    const traceId = invocationTraceId(entry.definition.tracingMode, options.traceHeader);
    const request = {
      requestId: randomUUID(),
      event: toJson(event),
      invokedFunctionArn,
      ...(traceId === undefined ? {} : { traceId }),
    };
    const reserved = entry.definition.reservedConcurrency !== undefined;
    const environment = reserved
      ? entry.pool.tryAcquire()
      : await entry.pool.acquire(this.options.maxWaitForEnvironmentMs ?? DEFAULT_MAX_WAIT_FOR_ENVIRONMENT_MS);
    if (!environment) return throttled(reserved);
    return this.runOn(entry, environment, request);
  }

  /** Accepts the event and returns at once; drain() tells when it has been dealt with. */
  async invokeAsync(functionNameOrArn: string, event: unknown, options: InvokeOptions = {}): Promise<void> {
    this.assertOpen();
    const { entry, invokedFunctionArn } = this.functions.resolve(functionNameOrArn);
    const json = toJson(event);
    const { tracingMode } = entry.definition;
    // One trace for the event, whatever its retries: each attempt is a segment of it.
    const traceHeader = options.traceHeader ?? invocationTraceId(tracingMode, undefined);
    this.asyncInvocations.enqueue({
      definition: entry.definition,
      event: JSON.parse(json),
      attempt: async (requestId) => {
        const environment = await entry.pool.acquire();
        if (!environment) return undefined;
        const traceId = invocationTraceId(tracingMode, traceHeader);
        const result = await this.runOn(entry, environment, {
          requestId,
          event: json,
          invokedFunctionArn,
          ...(traceId === undefined ? {} : { traceId }),
        });
        this.options.onAsyncAttempt?.(entry.definition.name, result);
        return result;
      },
    });
  }

  /**
   * A test hook: the next `plan.times` invocations of the function (synchronous or asynchronous; with
   * `plan.payloadContains`, only those whose event contains it) have their environment's process killed
   * `plan.afterMs` into the run, or as they answer if sooner: a real crash (see crash-injection.ts).
   * `times: 0` disarms that plan. Rejects with `ResourceNotFoundException` for an unknown function.
   */
  injectCrashes(functionNameOrArn: string, plan: CrashPlan = {}): void {
    this.crashes.arm(this.functions.resolve(functionNameOrArn).entry.definition.name, plan);
  }

  /** Disarms every crash injectCrashes armed. */
  clearCrashes(): void {
    this.crashes.clear();
  }

  /** Resolves when no asynchronous invocation is pending (queued, running, or waiting for a retry). */
  drain(): Promise<void> {
    return this.asyncInvocations.drain();
  }

  /**
   * Kills every execution environment and resolves when all the processes are gone. Queued asynchronous
   * invocations are dropped; synchronous ones in flight end with `Runtime.ExitError`.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.asyncInvocations.close();
    await Promise.all(this.functions.all().map((entry) => entry.pool.close()));
    await this.asyncInvocations.drain();
  }

  private async runOn(
    entry: RegisteredFunction,
    environment: ExecutionEnvironment,
    request: InvocationRequest,
  ): Promise<InvokeResult> {
    const plan = this.crashes.take(entry.definition.name, request.event);
    const crashAfterMs = plan?.afterMs;
    if (plan && plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    let crashed = false;
    const crash = (why: string) => {
      crashed = true;
      this.log(
        entry.definition.name,
        `[local lambda] crashing the environment of ${request.requestId}${why}`,
      );
      return environment.kill();
    };
    const timer = crashAfterMs === undefined ? undefined : setTimeout(() => void crash(''), crashAfterMs);
    const started = Date.now();
    let { result, reusable } = await environment.invoke(request);
    clearTimeout(timer);
    if (crashAfterMs !== undefined && reusable) {
      // It answered before the crash was due, or as the kill was under way (the answer won the race
      // with the signal): the environment dies as it answers, the answer is lost (the work is done, the
      // caller is told the runtime exited), so every armed crash does crash. One that ended its
      // environment anyway (the kill, a timeout, a fatal error) keeps its own result.
      if (!crashed) await crash(' as it answers');
      result = runtimeExited(request.requestId, 'signal: SIGKILL', Date.now() - started);
      reusable = false;
    }
    entry.pool.release(environment, reusable);
    return result;
  }

  private log(functionName: string, line: string): void {
    this.options.onLog?.(functionName, line);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The local Lambda service is closed');
  }
}

/** Lambda's payload is JSON; no event means `{}`, as for an Invoke without a payload. */
function toJson(event: unknown): string {
  return JSON.stringify(event) ?? '{}';
}
