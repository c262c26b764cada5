import { LocalLambdaService } from '../../../lambda/local-lambda-service';
import {
  CREDENTIALS,
  eventually,
  failureOf,
  fixtureFunction,
  isRunning,
  lambdaServices,
  payloadOf,
  REGION,
} from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

describe('close()', () => {
  it('kills every environment, idle or busy, and resolves once the processes are gone', async () => {
    const lines: string[] = [];
    const lambda = service(
      { onLog: (_fn, line) => lines.push(line) },
      fixtureFunction('counter.handler', { name: 'counter' }),
      fixtureFunction('sleeper.handler', { name: 'sleeper', timeoutSeconds: 30 }),
    );
    const { pid: idle } = payloadOf<{ pid: number }>(await lambda.invoke('counter', {}));
    const inFlight = lambda.invoke('sleeper', { ms: 20_000 });
    await eventually(() => lines.some((line) => line.startsWith('sleeping in ')));
    const busy = Number(lines.find((line) => line.startsWith('sleeping in '))?.slice('sleeping in '.length));

    await lambda.close();

    expect(isRunning(idle)).toBe(false);
    expect(isRunning(busy)).toBe(false);
    const interrupted = failureOf(await inFlight);
    expect(interrupted.payload.errorType).toBe('Runtime.ExitError');
    expect(interrupted.payload.errorMessage).toMatch(/signal: SIGKILL$/);
    await expect(lambda.invoke('counter', {})).rejects.toThrow('closed');
  });

  it('drops asynchronous work waiting for a retry, so drain() resolves at once', async () => {
    const records: unknown[] = [];
    const lines: string[] = [];
    const lambda = service(
      {
        asyncRetryDelaysMs: [60_000],
        onLog: (_fn, line) => lines.push(line),
        onAsyncDestination: async (_arn, record) => void records.push(record),
      },
      fixtureFunction('thrower.handler', { name: 'thrower', onFailureDestinationArn: 'arn:aws:sqs:x:0:q' }),
    );
    await lambda.invokeAsync('thrower', {});
    // The runtime logs the first attempt's error: from then on the event waits a minute for its retry.
    await eventually(() => lines.some((line) => line.includes('Invoke Error')));

    await lambda.close();
    await lambda.drain();

    expect(records).toEqual([]);
  });

  it('leaves nothing running when the service was never used', async () => {
    const lambda = new LocalLambdaService({ region: REGION, credentials: CREDENTIALS });
    lambda.register(fixtureFunction('counter.handler', { name: 'counter' }));

    await expect(lambda.close()).resolves.toBeUndefined();
  });
});
