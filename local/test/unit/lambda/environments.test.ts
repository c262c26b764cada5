import { failureOf, fixtureFunction, isRunning, lambdaServices, payloadOf } from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

describe('execution environments', () => {
  it('are reused while warm: module state persists between invocations', async () => {
    const lambda = service({}, fixtureFunction('counter.handler', { name: 'counter' }));

    const results = [];
    for (let i = 0; i < 3; i += 1)
      results.push(payloadOf<{ invocations: number; pid: number }>(await lambda.invoke('counter', {})));

    expect(results.map((result) => result.invocations)).toEqual([1, 2, 3]);
    expect(new Set(results.map((result) => result.pid)).size).toBe(1);
  });

  it('run concurrent invocations in separate processes, then reuse them', async () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    const pair = async () => {
      const results = await Promise.all([
        lambda.invoke('sleeper', { ms: 200 }),
        lambda.invoke('sleeper', { ms: 200 }),
      ]);
      return new Set(results.map((result) => payloadOf<{ pid: number }>(result).pid));
    };

    const first = await pair();
    const second = await pair();

    expect(first.size).toBe(2);
    expect(second).toEqual(first);
  });

  it('are limited by reserved concurrency: beyond it a synchronous invoke is throttled', async () => {
    const lambda = service(
      {},
      fixtureFunction('sleeper.handler', { name: 'sleeper', reservedConcurrency: 1 }),
    );

    const busy = lambda.invoke('sleeper', { ms: 300 });
    const throttled = failureOf(await lambda.invoke('sleeper', { ms: 0 }));

    expect(throttled).toEqual({
      ok: false,
      functionError: 'Throttled',
      payload: {
        errorType: 'TooManyRequestsException',
        errorMessage: 'Rate Exceeded. Reason: ReservedFunctionConcurrentInvocationLimitExceeded',
      },
      durationMs: 0,
    });
    expect((await busy).ok).toBe(true);
    // The environment is free again.
    expect((await lambda.invoke('sleeper', { ms: 0 })).ok).toBe(true);
  });

  it('queue at the local cap when nothing is reserved: every invoke runs, one at a time', async () => {
    const lambda = service(
      { maxConcurrencyPerFunction: 1 },
      fixtureFunction('sleeper.handler', { name: 'sleeper' }),
    );

    const results = await Promise.all(Array.from({ length: 4 }, () => lambda.invoke('sleeper', { ms: 100 })));

    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    // One environment served them all in turn: the cap bounds processes, it does not refuse work.
    expect(new Set(results.map((result) => payloadOf<{ pid: number }>(result).pid)).size).toBe(1);
  });

  it('throttle at the local cap only after waiting maxWaitForEnvironmentMs for a free environment', async () => {
    const lambda = service(
      { maxConcurrencyPerFunction: 1, maxWaitForEnvironmentMs: 50 },
      fixtureFunction('sleeper.handler', { name: 'sleeper' }),
    );

    const busy = lambda.invoke('sleeper', { ms: 2_000 });
    const throttled = failureOf(await lambda.invoke('sleeper', { ms: 0 }));

    expect(throttled.payload.errorMessage).toBe('Rate Exceeded. Reason: ConcurrentInvocationLimitExceeded');
    expect((await busy).ok).toBe(true);
    // The waiter that gave up left the queue: the freed environment serves the next invoke.
    expect((await lambda.invoke('sleeper', { ms: 0 })).ok).toBe(true);
  });
});

describe('a timeout', () => {
  it('kills the environment and answers like Lambda; the next invoke gets a fresh one', async () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper', timeoutSeconds: 1 }));
    const { pid: warm } = payloadOf<{ pid: number }>(await lambda.invoke('sleeper', { ms: 0 }));

    const timedOut = failureOf(await lambda.invoke('sleeper', { ms: 10_000 }));

    expect(timedOut.functionError).toBe('Unhandled');
    expect(timedOut.payload.errorType).toBe('Sandbox.Timedout');
    expect(timedOut.payload.errorMessage).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/,
    );
    expect(isRunning(warm)).toBe(false);
    const { pid: fresh } = payloadOf<{ pid: number }>(await lambda.invoke('sleeper', { ms: 0 }));
    expect(fresh).not.toBe(warm);
  });
});

describe('an environment that ends mid-invocation', () => {
  const crasher = () => service({}, fixtureFunction('crasher.handler', { name: 'crasher' }));

  it('answers Runtime.ExitError when the process exits', async () => {
    const lambda = crasher();
    const pid = payloadOf<number>(await lambda.invoke('crasher', {}));

    const exited = failureOf(await lambda.invoke('crasher', { action: 'exit' }));

    expect(exited.functionError).toBe('Unhandled');
    expect(exited.payload).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(
        /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$/,
      ),
    });
    expect(isRunning(pid)).toBe(false);
    expect(payloadOf<number>(await lambda.invoke('crasher', {}))).not.toBe(pid);
  });

  it('reports an uncaught exception as the invocation error, then discards the environment', async () => {
    const lambda = crasher();
    const pid = payloadOf<number>(await lambda.invoke('crasher', {}));

    const failed = failureOf(await lambda.invoke('crasher', { action: 'uncaught' }));

    expect(failed.functionError).toBe('Unhandled');
    expect(failed.payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'thrown from a timer' });
    expect(payloadOf<number>(await lambda.invoke('crasher', {}))).not.toBe(pid);
  });

  it('reports an unhandled rejection as Runtime.UnhandledPromiseRejection', async () => {
    const lambda = crasher();

    const failed = failureOf(await lambda.invoke('crasher', { action: 'unhandled-rejection' }));

    expect(failed.payload).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'RangeError: nobody handles me',
    });
  });
});

describe('an init error', () => {
  it("reports the module's error and discards the environment; the next invoke starts a fresh one", async () => {
    const lambda = service({}, fixtureFunction('broken.handler', { name: 'broken' }));
    const initPid = (message: string) => Number(/\(pid (\d+)\)/.exec(message)?.[1]);

    const first = failureOf(await lambda.invoke('broken', {}));
    const second = failureOf(await lambda.invoke('broken', {}));

    expect(first.functionError).toBe('Unhandled');
    expect(first.payload.errorType).toBe('ConfigError');
    expect(first.payload.errorMessage).toMatch(/^Missing required environment variable\(s\): TABLE_NAME/);
    expect(isRunning(initPid(first.payload.errorMessage))).toBe(false);
    expect(initPid(second.payload.errorMessage)).not.toBe(initPid(first.payload.errorMessage));
  });

  it.each([
    ['missing.handler', 'Runtime.ImportModuleError', "Error: Cannot find module 'missing'"],
    ['echo.absent', 'Runtime.HandlerNotFound', 'echo.absent is undefined or not exported'],
    ['nested/deep.handlers', 'Runtime.HandlerNotFound', 'nested/deep.handlers is not a function'],
    ['echo', 'Runtime.MalformedHandlerName', 'Bad handler'],
  ])('for Handler %s is %s', async (handler, errorType, errorMessage) => {
    const lambda = service({}, fixtureFunction(handler, { name: 'misconfigured' }));

    const failed = failureOf(await lambda.invoke('misconfigured', {}));

    expect(failed.functionError).toBe('Unhandled');
    expect(failed.payload).toMatchObject({ errorType, errorMessage });
  });
});
