import { failureOf, fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

jest.setTimeout(15_000);
const service = lambdaServices();

describe('injected crashes (a test hook)', () => {
  it('kill the environment mid-invocation: the caller sees Runtime.ExitError, the next invoke runs', async () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    const { pid: before } = payloadOf<{ pid: number }>(await lambda.invoke('sleeper', { ms: 0 }));

    lambda.injectCrashes('sleeper', { times: 1, afterMs: 100 });
    const crashed = failureOf(await lambda.invoke('sleeper', { ms: 5_000 }));

    expect(crashed.functionError).toBe('Unhandled');
    expect(crashed.payload.errorType).toBe('Runtime.ExitError');
    expect(crashed.payload.errorMessage).toMatch(/Runtime exited with error: signal: SIGKILL$/);
    // Killed after 100 ms, long before the 5 s the handler would have slept.
    expect(crashed.durationMs).toBeLessThan(4_000);
    const { pid: after } = payloadOf<{ pid: number }>(await lambda.invoke('sleeper', { ms: 0 }));
    expect(after).not.toBe(before);
  });

  it('crash exactly `times` invocations, by name or ARN, and can be disarmed', async () => {
    const definition = fixtureFunction('sleeper.handler', { name: 'sleeper' });
    const lambda = service({}, definition);

    lambda.injectCrashes(definition.arn, { times: 2 });
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push((await lambda.invoke('sleeper', { ms: 50 })).ok);
    expect(outcomes).toEqual([false, false, true]);

    lambda.injectCrashes('sleeper', { times: 5 });
    lambda.clearCrashes();
    expect((await lambda.invoke('sleeper', { ms: 0 })).ok).toBe(true);
  });

  it('crash an invocation that answers before the crash is due as it answers: its work done, its answer lost', async () => {
    const lambda = service({}, fixtureFunction('counter.handler', { name: 'counter' }));
    lambda.injectCrashes('counter', { times: 1, afterMs: 5_000 });
    const crashed = failureOf(await lambda.invoke('counter', {}));
    expect(crashed.payload.errorType).toBe('Runtime.ExitError');
    // Killed at its answer, not 5 s later; the environment is gone (a fresh one counts from 1 again).
    expect(crashed.durationMs).toBeLessThan(4_000);
    expect(payloadOf<{ invocations: number }>(await lambda.invoke('counter', {}))).toMatchObject({
      invocations: 1,
    });
  });

  it('crash only the invocations whose event contains the filter, each filter with its own count', async () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    lambda.injectCrashes('sleeper', { times: 2, payloadContains: '"order":"A"' });
    lambda.injectCrashes('sleeper', { times: 1, payloadContains: '"order":"B"' });
    const outcome = async (order: string) => (await lambda.invoke('sleeper', { ms: 0, order })).ok;
    const outcomes = [];
    for (const order of ['C', 'A', 'B', 'C', 'B', 'A', 'A']) outcomes.push(await outcome(order));
    expect(outcomes).toEqual([true, false, false, true, true, false, true]);

    // Armed again with the same filter: replaced, and `times: 0` disarms that plan only.
    lambda.injectCrashes('sleeper', { times: 3, payloadContains: '"order":"A"' });
    lambda.injectCrashes('sleeper', { times: 1, payloadContains: '"order":"B"' });
    lambda.injectCrashes('sleeper', { times: 0, payloadContains: '"order":"A"' });
    expect([await outcome('A'), await outcome('B')]).toEqual([true, false]);
  });

  it('hold an invocation delayMs before it reaches its environment, while others run, then crash it', async () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    // Warm first: the fast invocation must not spend the 400 ms on a cold start of its own (on a loaded
    // machine one took longer, and the held invocation finished first).
    expect((await lambda.invoke('sleeper', { ms: 0 })).ok).toBe(true);
    lambda.injectCrashes('sleeper', { times: 1, delayMs: 400, payloadContains: '"slow":true' });
    const finished: string[] = [];
    const started = Date.now();
    const slow = lambda.invoke('sleeper', { ms: 0, slow: true }).then((result) => {
      finished.push('slow');
      return result;
    });
    const fast = lambda.invoke('sleeper', { ms: 0 }).then((result) => {
      finished.push('fast');
      return result;
    });
    expect((await fast).ok).toBe(true);
    expect(failureOf(await slow).payload.errorType).toBe('Runtime.ExitError');
    // Held at least as long as asked (a lower bound only: how much longer is the machine's business).
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(finished).toEqual(['fast', 'slow']);
  });

  it('refuse an unknown function and a nonsensical plan', () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    expect(() => lambda.injectCrashes('nope')).toThrow(/Function not found/);
    expect(() => lambda.injectCrashes('sleeper', { times: -1 })).toThrow(RangeError);
    expect(() => lambda.injectCrashes('sleeper', { afterMs: Number.NaN })).toThrow(RangeError);
    expect(() => lambda.injectCrashes('sleeper', { delayMs: -1 })).toThrow(RangeError);
    expect(() => lambda.injectCrashes('sleeper', { payloadContains: '' })).toThrow(RangeError);
  });
});
