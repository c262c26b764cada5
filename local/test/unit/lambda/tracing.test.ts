import { invocationTraceId } from '../../../lambda/invocation-trace';
import { eventually, fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

/** `Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>`, the root captured. */
const TRACE_ID = /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24});Parent=[0-9a-f]{16};Sampled=([01])$/;
const CALLER = 'Root=1-65f1a2b3-0123456789abcdef01234567;Parent=1111111111111111;Sampled=1';

jest.setTimeout(15_000);
const service = lambdaServices();

describe('the trace id of an invocation', () => {
  it('is a new trace per invocation for a function with active tracing, sampled', async () => {
    const lambda = service(
      {},
      fixtureFunction('trace-id.handler', { name: 'traced', tracingMode: 'Active' }),
    );

    const first = payloadOf<{ traceId: string }>(await lambda.invoke('traced', {})).traceId;
    const second = payloadOf<{ traceId: string }>(await lambda.invoke('traced', {})).traceId;

    expect(first).toMatch(TRACE_ID);
    expect(second).toMatch(TRACE_ID);
    expect(TRACE_ID.exec(first)?.[1]).not.toBe(TRACE_ID.exec(second)?.[1]);
    expect(TRACE_ID.exec(first)?.[2]).toBe('1');
    // The root's first part is the time the trace started, in epoch seconds.
    const started = Number.parseInt(first.slice('Root=1-'.length, 'Root=1-'.length + 8), 16);
    expect(Math.abs(started - Date.now() / 1000)).toBeLessThan(60);
  });

  it("continues the caller's trace: its root kept, a segment of its own as parent", async () => {
    const lambda = service(
      {},
      fixtureFunction('trace-id.handler', { name: 'traced', tracingMode: 'Active' }),
    );

    const { traceId } = payloadOf<{ traceId: string }>(
      await lambda.invoke('traced', {}, { traceHeader: CALLER }),
    );

    expect(traceId).toMatch(/^Root=1-65f1a2b3-0123456789abcdef01234567;Parent=[0-9a-f]{16};Sampled=1$/);
    expect(traceId).not.toContain('1111111111111111');
  });

  it('is absent without active tracing unless the caller passed a trace, and gone again after it', async () => {
    const lambda = service({}, fixtureFunction('trace-id.handler', { name: 'untraced' }));

    const alone = payloadOf<{ traceId: string | null }>(await lambda.invoke('untraced', {}));
    const passed = payloadOf<{ traceId: string | null }>(
      await lambda.invoke('untraced', {}, { traceHeader: CALLER }),
    );
    // The same warm environment: the previous invocation's variable must not linger.
    const after = payloadOf<{ traceId: string | null }>(await lambda.invoke('untraced', {}));

    expect(alone.traceId).toBeNull();
    expect(passed.traceId).toMatch(
      /^Root=1-65f1a2b3-0123456789abcdef01234567;Parent=[0-9a-f]{16};Sampled=1$/,
    );
    expect(after.traceId).toBeNull();
  });

  it('is one trace for all attempts of an asynchronous invocation', async () => {
    const lines: string[] = [];
    const lambda = service(
      { asyncRetryDelaysMs: [1], onLog: (_fn, line) => lines.push(line) },
      fixtureFunction('trace-id.failing', {
        name: 'failing',
        tracingMode: 'Active',
        maximumRetryAttempts: 1,
      }),
    );

    await lambda.invokeAsync('failing', {});
    await lambda.drain();

    await eventually(() => lines.filter((line) => line.startsWith('trace ')).length === 2);
    const traceIds = lines.filter((line) => line.startsWith('trace ')).map((line) => line.slice(6));
    expect(traceIds).toEqual([expect.stringMatching(TRACE_ID), expect.stringMatching(TRACE_ID)]);
    expect(new Set(traceIds.map((id) => TRACE_ID.exec(id)?.[1])).size).toBe(1);
    expect(traceIds[0]).not.toBe(traceIds[1]);
  });
});

describe('invocationTraceId', () => {
  it("keeps a caller's decision not to sample, and PassThrough samples only what the caller sampled", () => {
    const unsampled = 'Root=1-65f1a2b3-0123456789abcdef01234567;Sampled=0';
    expect(invocationTraceId('Active', unsampled)).toMatch(/;Sampled=0$/);
    expect(invocationTraceId('PassThrough', unsampled)).toMatch(/;Sampled=0$/);
    expect(invocationTraceId('PassThrough', 'Root=1-65f1a2b3-0123456789abcdef01234567')).toMatch(
      /;Sampled=0$/,
    );
    expect(invocationTraceId('Active', 'root=1-65f1a2b3-0123456789abcdef01234567')).toMatch(
      /^Root=1-65f1a2b3-0123456789abcdef01234567;Parent=[0-9a-f]{16};Sampled=1$/,
    );
    expect(invocationTraceId(undefined, 'Parent=1111111111111111')).toBeUndefined();
  });
});
