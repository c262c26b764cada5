import { eventually, failureOf, fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

describe('prewarm', () => {
  it('loads the handler before any invocation; the first invocation runs in that environment', async () => {
    const loaded: number[] = [];
    const lambda = service(
      {
        onLog: (_name, line) => {
          const pid = /^loaded in (\d+)$/.exec(line)?.[1];
          if (pid) loaded.push(Number(pid));
        },
      },
      fixtureFunction('announces-init.handler', { name: 'warm' }),
    );

    lambda.prewarm('warm');
    await eventually(() => loaded.length > 0);
    const result = payloadOf<{ pid: number }>(await lambda.invoke('warm', {}));

    expect(result.pid).toBe(loaded[0]);
    expect(loaded).toHaveLength(1);
  });

  it('hands a failed init to the first invocation, as a cold start would', async () => {
    const lambda = service({}, fixtureFunction('broken.handler', { name: 'broken' }));

    lambda.prewarm('broken');
    const failed = failureOf(await lambda.invoke('broken', {}));

    expect(failed.payload.errorType).toBe('ConfigError');
  });

  it('starts nothing for a function held at reserved concurrency 0', async () => {
    const loaded: string[] = [];
    const lambda = service(
      { onLog: (_name, line) => loaded.push(line) },
      fixtureFunction('announces-init.handler', { name: 'held', reservedConcurrency: 0 }),
      fixtureFunction('announces-init.handler', { name: 'other' }),
    );

    lambda.prewarm('held');
    lambda.prewarm('other');
    // The other function's environment loads; by then the held one would have announced itself too.
    await eventually(() => loaded.length > 0);
    await lambda.invoke('other', {});

    expect(loaded).toHaveLength(1);
  });
});
