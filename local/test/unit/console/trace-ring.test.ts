import { completionInput, tracedLambda } from '../../../cloud/traced-lambda';
import { correlationIdIn } from '../../../console/correlation-id';
import { TraceRing } from '../../../console/trace-ring';
import { traceSink } from '../../../console/trace-sink';
import type { LambdaService } from '../../../lambda/types';

/** The console's structured timeline: bounded, incremental, and the `--trace` text unchanged. */
describe('TraceRing', () => {
  it('numbers records and hands out those after a seq, oldest first', () => {
    const ring = new TraceRing(10);
    for (const n of [1, 2, 3]) ring.push({ kind: 'api', line: `api      line ${n}` }, 1000 + n);
    expect(ring.lastSeq).toBe(3);
    expect(ring.after(1).map((r) => [r.seq, r.at, r.line])).toEqual([
      [2, 1002, 'api      line 2'],
      [3, 1003, 'api      line 3'],
    ]);
    expect(ring.after(3)).toEqual([]);
    expect(ring.after(0, 2).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('keeps only the last `capacity` records: memory stays bounded however long the cloud runs', () => {
    const ring = new TraceRing(3);
    for (let n = 1; n <= 10; n++) ring.push({ kind: 'log', line: `log ${n}` });
    expect(ring.after(0).map((r) => r.seq)).toEqual([8, 9, 10]);
    expect(ring.lastSeq).toBe(10);
  });

  it('keeps the correlation id found in the subject, and not the subject itself', () => {
    const ring = new TraceRing(5);
    const record = ring.push({
      kind: 'lambda',
      line: 'lambda   -> fn (sync)',
      subject: { headers: { 'X-Correlation-Id': 'abc-1' }, body: 'x'.repeat(100) },
    });
    expect(record.correlationId).toBe('abc-1');
    expect(record).not.toHaveProperty('subject');
  });

  it("keeps an emitter's own correlation id over one its subject holds", () => {
    const ring = new TraceRing(5);
    const record = ring.push({
      kind: 'request',
      line: 'api      shop: ...',
      correlationId: 'from-header',
      subject: { correlationId: 'from-body' },
    });
    expect(record.correlationId).toBe('from-header');
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new TraceRing(0)).toThrow(/capacity/);
  });
});

describe('correlationIdIn', () => {
  it.each([
    ['a field at any depth', { detail: { metadata: { correlationId: 'c-1' } } }, 'c-1'],
    ['snake case', { correlation_id: 'c-2' }, 'c-2'],
    ['a header, any case', { headers: { 'x-correlation-id': 'c-3' } }, 'c-3'],
    [
      'JSON inside a string (an SQS body)',
      { Records: [{ body: JSON.stringify({ correlationId: 'c-4' }) }] },
      'c-4',
    ],
    ['a JSON log line', '{"level":"INFO","correlationId":"c-5"}', 'c-5'],
  ])('finds %s', (_what, subject, expected) => {
    expect(correlationIdIn(subject)).toBe(expected);
  });

  it('finds nothing where there is none, or where the value is not a safe id', () => {
    expect(correlationIdIn({ orderId: 'o-1' })).toBeUndefined();
    expect(correlationIdIn({ correlationId: 'has space' })).toBeUndefined();
    expect(correlationIdIn(undefined)).toBeUndefined();
  });
});

describe('traceSink', () => {
  it('is absent when nobody reads the timeline, so emitters skip the work', () => {
    expect(traceSink(undefined, undefined)).toBeUndefined();
  });

  it('prints each line exactly as given and keeps the structured record', () => {
    const printed: string[] = [];
    const ring = new TraceRing(5);
    const sink = traceSink((line) => printed.push(line), ring);
    sink?.({ kind: 'endpoint', line: 'endpoint POST /', subject: { correlationId: 'k' } });
    expect(printed).toEqual(['endpoint POST /']);
    expect(ring.after(0)).toEqual([expect.objectContaining({ kind: 'endpoint', correlationId: 'k' })]);
  });
});

describe('tracedLambda', () => {
  const lambda = (payload: unknown): LambdaService => ({
    invoke: async () => ({ ok: true, payload, durationMs: 12 }),
    invokeAsync: async () => undefined,
  });

  it('prints the same two lines as before and records the outcome and duration', async () => {
    const printed: string[] = [];
    const ring = new TraceRing(5);
    const sink = traceSink((line) => printed.push(line), ring);
    if (!sink) throw new Error('no sink');
    await tracedLambda(lambda({ statusCode: 200 }), sink).invoke('arn:aws:lambda:r:1:function:orders', {});
    expect(printed).toEqual(['lambda   -> orders (sync)', 'lambda   <- orders ok in 12 ms']);
    expect(ring.after(1)[0]).toMatchObject({ kind: 'lambda', fn: 'orders', outcome: 'ok', durationMs: 12 });
  });

  it("gives the invocation's start the correlation id only its response named", async () => {
    const ring = new TraceRing(5);
    const sink = traceSink(undefined, ring);
    if (!sink) throw new Error('no sink');
    const response = { statusCode: 202, headers: { 'X-Correlation-Id': 'made-up-by-fn' } };
    await tracedLambda(lambda(response), sink).invoke('fn', { body: '{}' });
    expect(ring.after(0).map((r) => r.correlationId)).toEqual(['made-up-by-fn', 'made-up-by-fn']);
  });

  it('words a failure as it always did', () => {
    const input = completionInput('fn', {
      ok: false,
      functionError: 'Unhandled',
      payload: { errorType: 'Boom', errorMessage: 'no', trace: [] },
      durationMs: 3,
    } as never);
    expect(input).toMatchObject({ line: 'lambda   <- fn Unhandled Boom in 3 ms', outcome: 'Unhandled Boom' });
  });
});
