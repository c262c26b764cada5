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

  it('refuse an unknown function and a nonsensical plan', () => {
    const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
    expect(() => lambda.injectCrashes('nope')).toThrow(/Function not found/);
    expect(() => lambda.injectCrashes('sleeper', { times: -1 })).toThrow(RangeError);
    expect(() => lambda.injectCrashes('sleeper', { afterMs: Number.NaN })).toThrow(RangeError);
  });
});
