import { batchInput } from '../../../cloud/batch-trace';
import { TraceRing } from '../../../console/trace-ring';
import { traceSink } from '../../../console/trace-sink';
import { type BatchOutcome, SqsEventSourceMapping } from '../../../sqs/event-source-mapping';
import { LocalSqs } from '../../../sqs/local-sqs';
import { fakeLambda, waitFor } from '../sqs/mapping-test-kit';

/**
 * An SQS batch on the console's timeline: its queue, function, size and outcome as fields, in the group
 * of each correlation id its messages carry, and its `--trace` line as it always was.
 */
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:work';
const CONFIG = { id: 'Stack/Mapping', queueArn: QUEUE_ARN, functionName: 'consumer' };
const ENVELOPE = JSON.stringify({
  source: 'shop.orders',
  'detail-type': 'OrderPlaced',
  detail: { metadata: { correlationId: 'from-envelope' } },
});

describe('an SQS batch on the timeline', () => {
  let sqs: LocalSqs;
  let mapping: SqsEventSourceMapping | undefined;
  beforeEach(() => {
    sqs = new LocalSqs();
    sqs.createQueue('work');
  });
  afterEach(async () => {
    await mapping?.stop();
    sqs.close();
  });

  it('records queue, function, size and the ids its messages carry; the line is unchanged', async () => {
    sqs.send(QUEUE_ARN, ENVELOPE);
    sqs.send(QUEUE_ARN, '{"not": json', {
      messageAttributes: { transactionCorrelationId: { DataType: 'String', StringValue: 'from-attribute' } },
    });
    sqs.send(QUEUE_ARN, '{"malformed": ');
    const printed: string[] = [];
    const ring = new TraceRing(10);
    const record = traceSink((line) => printed.push(line), ring);
    if (!record) throw new Error('no sink');
    const outcomes: BatchOutcome[] = [];
    const lambda = fakeLambda(() => undefined);
    mapping = new SqsEventSourceMapping(
      {
        ...CONFIG,
        batchSize: 10,
        maximumBatchingWindowSeconds: 1,
        reportBatchItemFailures: false,
        enabled: true,
      },
      {
        sqs,
        lambda,
        onBatch: (outcome, handed) => {
          outcomes.push(outcome);
          record(batchInput(CONFIG, outcome, handed));
        },
      },
    );
    mapping.start();
    await waitFor(() => outcomes.reduce((n, o) => n + o.messageIds.length, 0) === 3);

    const batches = ring.after(0);
    expect(printed).toEqual(outcomes.map((o) => `sqs      Stack/Mapping -> consumer: ${JSON.stringify(o)}`));
    for (const batch of batches)
      expect(batch).toMatchObject({ kind: 'sqs', queue: 'work', fn: 'consumer', outcome: 'ok' });
    expect(batches.reduce((n, b) => n + (b.messageCount ?? 0), 0)).toBe(3);
    // Each id in some batch's groups; the malformed body gave none and broke nothing.
    expect(batches.flatMap((b) => b.correlationIds ?? []).sort()).toEqual([
      'from-attribute',
      'from-envelope',
    ]);
    for (const batch of batches) expect(batch.correlationId).toBe(batch.correlationIds?.[0]);
  });

  it('says how many messages failed, and has no outcome when none reached the function', () => {
    const ok = { ok: true as const, payload: null, durationMs: 5 };
    const partial = batchInput(
      CONFIG,
      { mappingId: CONFIG.id, messageIds: ['a', 'b'], filteredOut: [], deleted: ['a'], result: ok },
      [],
    );
    expect(partial).toMatchObject({ outcome: '1 of 2 failed', durationMs: 5, messageCount: 2 });
    expect(partial).not.toHaveProperty('correlationId');
    const filtered = batchInput(
      CONFIG,
      { mappingId: CONFIG.id, messageIds: [], filteredOut: ['a'], deleted: [] },
      [],
    );
    expect(filtered).not.toHaveProperty('outcome');
    expect(filtered.messageCount).toBe(0);
  });
});
