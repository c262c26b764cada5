import type { StreamFailureRecord } from '../../../dynamodb-streams';
import { failed, fakeLambda, idsOf, ok, streamsTestKit } from './stream-test-kit';

// One DynamoDB Local for the whole file (about 3 s to start); each test has its own table.
const kit = streamsTestKit();
jest.setTimeout(15_000);

const failures = () => {
  const sent: Array<{ destination: string; record: StreamFailureRecord }> = [];
  return {
    sent,
    onFailure: (destination: string, record: StreamFailureRecord) => sent.push({ destination, record }),
  };
};
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:stream-dlq';

describe('DynamoDB stream event source mappings', () => {
  it('delivers many writes in order, one batch at a time, never more than BatchSize', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    const { sources, trace } = kit.sources(table, lambda.service, {
      BatchSize: 7,
      StartingPosition: 'LATEST',
    });
    await sources.start();
    const written = Array.from({ length: 60 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    for (const id of written) await kit.put(table, id);
    await sources.drain();

    expect(lambda.calls.flatMap(idsOf)).toEqual(written);
    const sequence = lambda.calls.flatMap((event) =>
      event.Records.map((r) => BigInt(r.dynamodb.SequenceNumber)),
    );
    expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : 1)));
    for (const event of lambda.calls) expect(event.Records.length).toBeLessThanOrEqual(7);
    expect(lambda.maxInFlight).toBe(1);
    expect([...lambda.functionNames]).toEqual(['consumer']);
    expect(trace[0]).toMatch(
      new RegExp(`^stream ${table} shard shardId-\\S+ -> consumer: \\d+ records, ok$`),
    );
  });

  it('fills batches up to BatchSize from TRIM_HORIZON', async () => {
    const table = await kit.createTable();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) await kit.put(table, id);
    const lambda = fakeLambda();
    const { sources } = kit.sources(table, lambda.service, { BatchSize: 4 });
    await sources.start();
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['e', 'f', 'g', 'h'],
      ['i', 'j'],
    ]);
  });

  it('from LATEST, skips what was written before the start', async () => {
    const table = await kit.createTable();
    await kit.put(table, 'before');
    const lambda = fakeLambda();
    const { sources } = kit.sources(table, lambda.service, { StartingPosition: 'LATEST' });
    await sources.start();
    await kit.put(table, 'after');
    await sources.drain();
    expect(lambda.calls.flatMap(idsOf)).toEqual(['after']);
  });

  it('waits within the batching window for a batch to fill, and delivers it once full', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    // A window far longer than the writes take, on any machine: only a full batch can end the wait early.
    const { sources } = kit.sources(table, lambda.service, {
      StartingPosition: 'LATEST',
      BatchSize: 3,
      MaximumBatchingWindowInSeconds: 60,
    });
    await sources.start();
    for (const id of ['w1', 'w2', 'w3']) {
      await kit.put(table, id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([['w1', 'w2', 'w3']]);
  });

  it('delivers only the records a filter matches', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    const { sources } = kit.sources(table, lambda.service, {
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { kind: { S: ['keep'] } } },
            }),
          },
          { Pattern: JSON.stringify({ dynamodb: { Keys: { id: { S: [{ prefix: 'always-' }] } } } }) },
        ],
      },
    });
    await sources.start();
    await kit.put(table, 'k1', { kind: { S: 'keep' } });
    await kit.put(table, 'd1', { kind: { S: 'drop' } });
    await kit.put(table, 'k1', { kind: { S: 'keep' } }); // a MODIFY: the first filter wants INSERTs only
    await kit.put(table, 'always-1');
    await sources.drain();
    expect(lambda.calls.flatMap(idsOf)).toEqual(['k1', 'always-1']);
    expect(lambda.calls.flatMap((event) => event.Records.map((r) => r.eventName))).toEqual([
      'INSERT',
      'INSERT',
    ]);
  });

  it('resumes at the first failed record of a partial batch response, without redelivering the ones before', async () => {
    const table = await kit.createTable();
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) await kit.put(table, id);
    const lambda = fakeLambda((event, call) => {
      if (call > 1) return ok({ batchItemFailures: [] });
      const [, , third, , fifth] = event.Records;
      // Two failures reported out of order: Lambda resumes at the lowest sequence number.
      return ok({
        batchItemFailures: [
          { itemIdentifier: fifth?.dynamodb.SequenceNumber },
          { itemIdentifier: third?.dynamodb.SequenceNumber },
        ],
      });
    });
    const { sources, trace } = kit.sources(table, lambda.service, {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await sources.start();
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p3', 'p4', 'p5'],
    ]);
    expect(trace.some((line) => line.includes('partial failure, resume at'))).toBe(true);
  });

  it('treats an unusable partial batch response as a whole-batch failure', async () => {
    const table = await kit.createTable();
    for (const id of ['u1', 'u2']) await kit.put(table, id);
    const lambda = fakeLambda((_event, call) =>
      call === 1 ? ok({ batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] }) : ok(),
    );
    const { sources } = kit.sources(table, lambda.service, {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await sources.start();
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([
      ['u1', 'u2'],
      ['u1', 'u2'],
    ]);
  });

  it('ignores batchItemFailures without ReportBatchItemFailures', async () => {
    const table = await kit.createTable();
    await kit.put(table, 'x1');
    const lambda = fakeLambda(() => ok({ batchItemFailures: [{ itemIdentifier: 'whatever' }] }));
    const { sources } = kit.sources(table, lambda.service);
    await sources.start();
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([['x1']]);
  });

  it('bisects a failing batch until the poison record is alone, then discards only it', async () => {
    const table = await kit.createTable();
    for (const id of ['a', 'b', 'poison', 'd']) await kit.put(table, id);
    const lambda = fakeLambda((event) => (idsOf(event).includes('poison') ? failed('poisoned') : ok()));
    const dead = failures();
    const { sources, trace } = kit.sources(
      table,
      lambda.service,
      {
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: DLQ } },
      },
      { onFailure: dead.onFailure },
    );
    await sources.start();
    await sources.drain();
    expect(lambda.calls.map(idsOf)).toEqual([
      ['a', 'b', 'poison', 'd'],
      ['a', 'b'],
      ['poison', 'd'],
      ['poison'],
      ['d'],
    ]);
    expect(dead.sent).toHaveLength(1);
    const poisonSequence = lambda.calls[3]?.Records[0]?.dynamodb.SequenceNumber;
    expect(dead.sent[0]?.record.DDBStreamBatchInfo).toMatchObject({
      startSequenceNumber: poisonSequence,
      endSequenceNumber: poisonSequence,
      batchSize: 1,
    });
    expect(trace.filter((line) => line.includes('bisect'))).toHaveLength(2);
  });

  it('after MaximumRetryAttempts sends the on-failure record and moves on', async () => {
    const table = await kit.createTable();
    for (const id of ['r1', 'r2', 'r3']) await kit.put(table, id);
    const lambda = fakeLambda((event) => (idsOf(event).includes('r1') ? failed('always') : ok()));
    const dead = failures();
    const { sources } = kit.sources(
      table,
      lambda.service,
      { BatchSize: 2, MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: DLQ } } },
      { onFailure: dead.onFailure },
    );
    await sources.start();
    await sources.drain();
    await kit.put(table, 'r4');
    await sources.drain();

    expect(lambda.calls.map(idsOf)).toEqual([['r1', 'r2'], ['r1', 'r2'], ['r1', 'r2'], ['r3'], ['r4']]);
    expect(dead.sent).toHaveLength(1);
    const [first, second] = lambda.calls[0]?.Records ?? [];
    const { destination, record } = dead.sent[0] ?? {};
    expect(destination).toBe(DLQ);
    expect(record).toEqual({
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: first?.dynamodb.SequenceNumber,
        endSequenceNumber: second?.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: 2,
        streamArn: first?.eventSourceARN,
      },
    });
  });

  it('discards records older than MaximumRecordAgeInSeconds even with infinite retries', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda(() => failed());
    const dead = failures();
    const { sources } = kit.sources(
      table,
      lambda.service,
      { MaximumRecordAgeInSeconds: 1, DestinationConfig: { OnFailure: { Destination: DLQ } } },
      { onFailure: dead.onFailure, retryDelayMs: 100 },
    );
    await sources.start();
    const writtenAt = Date.now();
    await kit.put(table, 'old');
    await sources.drain();
    expect(Date.now() - writtenAt).toBeGreaterThanOrEqual(1000);
    expect(lambda.calls.length).toBeGreaterThan(2);
    expect(dead.sent.map((sent) => sent.record.requestContext.condition)).toEqual(['RecordAgeExceeded']);
    expect(dead.sent[0]?.record.requestContext.approximateInvokeCount).toBe(lambda.calls.length);
  });

  it('waits for its turn before each batch (the local cloud lets API requests go first), then delivers all', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    let release: () => void = () => {};
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    const { sources } = kit.sources(
      table,
      lambda.service,
      {},
      {
        beforeBatch: () => {
          asked += 1;
          return turn;
        },
      },
    );
    await sources.start();
    await kit.put(table, 'held');
    while (asked === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lambda.calls).toHaveLength(0);
    release();
    await sources.drain();
    expect(lambda.calls.flatMap(idsOf)).toEqual(['held']);
  });
});
