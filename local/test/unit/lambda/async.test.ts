import type { AsyncInvocationRecord } from '../../../lambda/types';
import { eventually, fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

const DESTINATION = 'arn:aws:sqs:eu-west-1:000000000000:orders-dlq';
const SUCCESS_DESTINATION = 'arn:aws:events:eu-west-1:000000000000:event-bus/orders-done';
// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

/** A service that records what reaches its destinations, with short retry delays. */
function recordingService(...definitions: Parameters<ReturnType<typeof lambdaServices>>[1][]) {
  const delivered: Array<{ destination: string; record: AsyncInvocationRecord }> = [];
  const lambda = service(
    {
      asyncRetryDelaysMs: [20, 40],
      onAsyncDestination: async (destination, record) => {
        delivered.push({ destination, record });
      },
    },
    ...definitions,
  );
  return { lambda, delivered };
}

describe('an asynchronous invoke', () => {
  it('is retried, then its failure record goes to the on-failure destination', async () => {
    const definition = fixtureFunction('thrower.handler', {
      name: 'thrower',
      onFailureDestinationArn: DESTINATION,
    });
    const { lambda, delivered } = recordingService(definition);

    await lambda.invokeAsync('thrower', { orderId: 'o-1' });
    expect(delivered).toEqual([]);
    await lambda.drain();

    expect(delivered).toHaveLength(1);
    const [{ destination, record }] = delivered as [(typeof delivered)[number]];
    expect(destination).toBe(DESTINATION);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: `${definition.arn}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { orderId: 'o-1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: expect.objectContaining({
        errorType: 'PaymentDeclinedError',
        errorMessage: 'declined on attempt 3',
      }),
    });
  });

  it('reports each attempt as it ends, with its outcome and duration', async () => {
    const attempts: Array<{ name: string; ok: boolean; durationMs: number }> = [];
    const lambda = service(
      {
        asyncRetryDelaysMs: [20, 40],
        onAsyncAttempt: (name, result) =>
          attempts.push({ name, ok: result.ok, durationMs: result.durationMs }),
      },
      fixtureFunction('thrower.handler', { name: 'thrower' }),
    );

    await lambda.invokeAsync('thrower', { failures: 1 });
    await lambda.drain();

    expect(attempts).toEqual([
      { name: 'thrower', ok: false, durationMs: expect.any(Number) },
      { name: 'thrower', ok: true, durationMs: expect.any(Number) },
    ]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const { lambda, delivered } = recordingService(
      fixtureFunction('thrower.handler', { name: 'thrower', onFailureDestinationArn: DESTINATION }),
    );

    await lambda.invokeAsync('thrower', { failures: 1 });
    await lambda.drain();

    expect(delivered).toEqual([]);
    // Attempt 1 failed, attempt 2 succeeded, and there was no third: this call is the third.
    expect(payloadOf<{ attempts: number }>(await lambda.invoke('thrower', { failures: 0 })).attempts).toBe(3);
  });

  it('honours maximumRetryAttempts', async () => {
    const { lambda, delivered } = recordingService(
      fixtureFunction('thrower.handler', {
        name: 'thrower',
        maximumRetryAttempts: 0,
        onFailureDestinationArn: DESTINATION,
      }),
    );

    await lambda.invokeAsync('thrower', {});
    await lambda.drain();

    expect(delivered.map(({ record }) => record.requestContext.approximateInvokeCount)).toEqual([1]);
  });

  it('waits for a free environment instead of being throttled', async () => {
    const { lambda, delivered } = recordingService(
      fixtureFunction('counter.handler', { name: 'counter', reservedConcurrency: 1 }),
    );

    await Promise.all([1, 2, 3].map(() => lambda.invokeAsync('counter', {})));
    await lambda.drain();

    expect(delivered).toEqual([]);
    expect(payloadOf<{ invocations: number }>(await lambda.invoke('counter', {})).invocations).toBe(4);
  });

  it('never runs with reserved concurrency 0: its event expires to the destination', async () => {
    const definition = fixtureFunction('counter.handler', {
      name: 'counter',
      reservedConcurrency: 0,
      onFailureDestinationArn: DESTINATION,
    });
    const { lambda, delivered } = recordingService(definition);

    await lambda.invokeAsync('counter', { n: 1 });
    await lambda.drain();

    expect((await lambda.invoke('counter', {})).ok).toBe(false);
    expect(delivered.map(({ record }) => record)).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 }),
        requestPayload: { n: 1 },
      }),
    ]);
    expect(delivered[0]?.record).not.toHaveProperty('responseContext');
  });

  it('sends the success record of the attempt that succeeded to the on-success destination only', async () => {
    const definition = fixtureFunction('thrower.handler', {
      name: 'thrower',
      onSuccessDestinationArn: SUCCESS_DESTINATION,
      onFailureDestinationArn: DESTINATION,
    });
    const { lambda, delivered } = recordingService(definition);

    await lambda.invokeAsync('thrower', { failures: 1 });
    await lambda.drain();

    expect(delivered).toEqual([
      {
        destination: SUCCESS_DESTINATION,
        record: {
          version: '1.0',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          requestContext: {
            requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
            functionArn: `${definition.arn}:$LATEST`,
            condition: 'Success',
            approximateInvokeCount: 2,
          },
          requestPayload: { failures: 1 },
          responseContext: { statusCode: 200, executedVersion: '$LATEST' },
          responsePayload: { attempts: 2, pid: expect.any(Number) },
        },
      },
    ]);
  });

  it('sends a failure nowhere near the on-success destination', async () => {
    const { lambda, delivered } = recordingService(
      fixtureFunction('thrower.handler', {
        name: 'thrower',
        maximumRetryAttempts: 0,
        onSuccessDestinationArn: SUCCESS_DESTINATION,
      }),
    );

    await lambda.invokeAsync('thrower', {});
    await lambda.drain();

    expect(delivered).toEqual([]);
  });

  it('keeps no record of a synchronous invoke', async () => {
    const { lambda, delivered } = recordingService(
      fixtureFunction('counter.handler', { name: 'counter', onSuccessDestinationArn: SUCCESS_DESTINATION }),
    );

    payloadOf(await lambda.invoke('counter', {}));
    await lambda.drain();

    expect(delivered).toEqual([]);
  });

  it('reports a failing destination in the log and still drains', async () => {
    const lines: string[] = [];
    const lambda = service(
      {
        asyncRetryDelaysMs: [1],
        onLog: (fn, line) => lines.push(`${fn}| ${line}`),
        onAsyncDestination: async () => {
          throw new Error('queue unavailable');
        },
      },
      fixtureFunction('thrower.handler', {
        name: 'thrower',
        maximumRetryAttempts: 0,
        onFailureDestinationArn: DESTINATION,
      }),
    );

    await lambda.invokeAsync('thrower', {});
    await lambda.drain();

    await eventually(() => lines.some((line) => line.includes('queue unavailable')));
    expect(lines).toContain(
      `thrower| [local lambda] on-failure destination ${DESTINATION} failed: Error: queue unavailable`,
    );
  });
});
