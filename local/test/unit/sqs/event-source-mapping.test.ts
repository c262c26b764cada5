import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import {
  type BatchOutcome,
  type MappingOptions,
  SqsEventSourceMapping,
  type SqsMappingConfig,
} from '../../../sqs/event-source-mapping';
import { sqsFilters } from '../../../sqs/filter-criteria';
import { LocalSqs } from '../../../sqs/local-sqs';
import { md5OfBody } from '../../../sqs/message-attributes';
import type { SqsEvent } from '../../../sqs/sqs-lambda-event';
import { fakeLambda, sleep, waitFor } from './mapping-test-kit';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:work';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:work-dlq';

describe('SQS event source mapping', () => {
  let sqs: LocalSqs;
  let mapping: SqsEventSourceMapping | undefined;
  beforeEach(() => {
    sqs = new LocalSqs();
    sqs.createQueue('work-dlq');
    sqs.createQueue('work', {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 2 }),
    });
  });
  afterEach(async () => {
    await mapping?.stop();
    mapping = undefined;
    sqs.close();
  });

  const start = (
    lambda: ReturnType<typeof fakeLambda>,
    config: Partial<SqsMappingConfig> = {},
    hooks: Pick<MappingOptions, 'beforeBatch' | 'onBatch'> = {},
  ): SqsEventSourceMapping => {
    mapping = new SqsEventSourceMapping(
      {
        id: 'Stack/Mapping',
        queueArn: QUEUE_ARN,
        functionName: 'consumer',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: false,
        enabled: true,
        ...config,
      },
      {
        sqs,
        lambda,
        onError: (_, error) => {
          throw error;
        },
        ...hooks,
      },
    );
    mapping.start();
    return mapping;
  };
  const counts = (queue: string) => sqs.queue(queue).counts();
  const empty = (queue: string) => {
    const { visible, inFlight, delayed } = counts(queue);
    return visible + inFlight + delayed === 0;
  };

  it('invokes with events shaped like AWS’s (Powertools SQS schema) and deletes a processed batch', async () => {
    const lambda = fakeLambda(() => undefined);
    sqs.send(QUEUE_ARN, '{"order":1}', {
      messageAttributes: {
        correlationId: { DataType: 'String', StringValue: 'c-1' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') },
      },
    });
    start(lambda);
    await waitFor(() => empty('work'));
    const event = lambda.events[0] as SqsEvent;
    expect(SqsSchema.safeParse(event).success).toBe(true);
    const [record] = event.Records;
    expect(record).toMatchObject({
      body: '{"order":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: QUEUE_ARN,
      awsRegion: 'us-east-1',
      md5OfBody: md5OfBody('{"order":1}'),
      attributes: expect.objectContaining({ ApproximateReceiveCount: '1', SenderId: '000000000000' }),
      messageAttributes: {
        correlationId: { stringValue: 'c-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: 'aGk=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
    });
    expect(Object.keys(record?.attributes ?? {})).toEqual([
      'SenderId',
      'SentTimestamp',
      'ApproximateReceiveCount',
      'ApproximateFirstReceiveTimestamp',
    ]);
  });

  it('includes the FIFO attributes for a FIFO queue and keeps group order', async () => {
    sqs.createQueue('ordered.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const body of ['1', '2', '3']) sqs.send('ordered.fifo', body, { groupId: 'g' });
    const lambda = fakeLambda(() => undefined);
    start(lambda, {
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:ordered.fifo',
      batchSize: 2,
      maximumConcurrency: 2,
    });
    await waitFor(() => empty('ordered.fifo'));
    for (const event of lambda.events) expect(SqsSchema.safeParse(event).success).toBe(true);
    const bodies = lambda.events.flatMap((event) => event.Records.map((record) => record.body));
    expect(bodies).toEqual(['1', '2', '3']);
    expect(lambda.events[0]?.Records[0]?.attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: expect.stringMatching(/^[0-9a-f]{64}$/),
      SequenceNumber: expect.stringMatching(/^\d{20}$/),
    });
  });

  it('invokes with batches of at most BatchSize', async () => {
    for (let i = 0; i < 25; i += 1) sqs.send(QUEUE_ARN, `m${i}`);
    const lambda = fakeLambda(() => undefined);
    start(lambda, { batchSize: 10, maximumConcurrency: 1 });
    await waitFor(() => empty('work'));
    expect(lambda.events.map((event) => event.Records.length)).toEqual([10, 10, 5]);
  });

  it('waits up to MaximumBatchingWindowInSeconds to fill a batch', async () => {
    const lambda = fakeLambda(() => undefined);
    start(lambda, { batchSize: 5, maximumBatchingWindowSeconds: 2, maximumConcurrency: 1 });
    sqs.send(QUEUE_ARN, 'first');
    await sleep(100);
    sqs.send(QUEUE_ARN, 'second');
    await waitFor(() => lambda.events.length === 1);
    // The window (2 s) outlasts the visibility timeout (1 s): each message is received twice, batched once.
    expect(lambda.events[0]?.Records.map((record) => record.body)).toEqual(['first', 'second']);
    expect(lambda.events[0]?.Records[0]?.attributes.ApproximateReceiveCount).toBe('2');
    await waitFor(() => empty('work')); // deleted with the newest receipt handle
  });

  it('deletes only the successes under ReportBatchItemFailures', async () => {
    for (const body of ['ok-1', 'bad', 'ok-2']) sqs.send(QUEUE_ARN, body);
    const lambda = fakeLambda((event) => ({
      batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
        itemIdentifier: r.messageId,
      })),
    }));
    start(lambda, { reportBatchItemFailures: true, maximumConcurrency: 1 });
    await waitFor(() => lambda.events.length >= 1);
    await waitFor(() => counts('work').inFlight === 1 && counts('work').visible === 0);
    const first = lambda.events[0] as SqsEvent;
    expect(first.Records.map((r) => r.body)).toEqual(['ok-1', 'bad', 'ok-2']);
    await mapping?.stop();
    // The failed record alone is left, in flight until its visibility timeout.
    expect(counts('work')).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  it.each([
    ['an unknown itemIdentifier', { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a wrong key', { batchItemFailures: [{ id: 'x' }] }],
    ['a non-object answer', 'done'],
  ])('treats %s as a failure of the whole batch', async (_, payload) => {
    sqs.send(QUEUE_ARN, 'a');
    sqs.send(QUEUE_ARN, 'b');
    const lambda = fakeLambda(() => payload);
    start(lambda, { reportBatchItemFailures: true, maximumConcurrency: 1 });
    await waitFor(() => lambda.events.length >= 1);
    await mapping?.stop();
    expect(counts('work').inFlight).toBe(2);
  });

  it.each([
    ['null', null],
    ['an empty object', {}],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as success of the whole batch', async (_, payload) => {
    sqs.send(QUEUE_ARN, 'a');
    const lambda = fakeLambda(() => payload);
    start(lambda, { reportBatchItemFailures: true, maximumConcurrency: 1 });
    await waitFor(() => empty('work'));
  });

  it('leaves a failed batch to reappear after the visibility timeout, then redrives it to the dead-letter queue', async () => {
    const poison = sqs.send(QUEUE_ARN, 'poison');
    const invokedAt: number[] = [];
    const lambda = fakeLambda(() => {
      invokedAt.push(Date.now());
      throw new Error('boom');
    });
    start(lambda, { maximumConcurrency: 1 });
    // Generous: timing is asserted below from the invocation times, not from how fast this machine is.
    await waitFor(() => !empty('work-dlq'), 25_000);
    // maxReceiveCount 2: two attempts, one visibility timeout (1 s) apart, then the dead-letter queue.
    expect(invokedAt).toHaveLength(2);
    expect((invokedAt[1] as number) - (invokedAt[0] as number)).toBeGreaterThanOrEqual(900);
    expect(lambda.events.map((event) => event.Records[0]?.attributes.ApproximateReceiveCount)).toEqual([
      '1',
      '2',
    ]);
    expect(empty('work')).toBe(true);
    const [dead] = await sqs.receive(DLQ_ARN);
    expect(dead?.message).toMatchObject({
      messageId: poison.messageId,
      body: 'poison',
      deadLetterQueueSourceArn: QUEUE_ARN,
    });
  }, 30_000);

  it('runs at most MaximumConcurrency invocations at once', async () => {
    for (let i = 0; i < 6; i += 1) sqs.send(QUEUE_ARN, `m${i}`);
    const lambda = fakeLambda(() => sleep(50));
    start(lambda, { batchSize: 1, maximumConcurrency: 2 });
    await waitFor(() => empty('work'));
    expect(lambda.maxActive).toBe(2);
    expect(lambda.events).toHaveLength(6);
  });

  it('does nothing while disabled', async () => {
    sqs.send(QUEUE_ARN, 'a');
    const lambda = fakeLambda(() => undefined);
    start(lambda, { enabled: false });
    await sleep(50);
    expect(lambda.events).toHaveLength(0);
    expect(counts('work').visible).toBe(1);
  });

  it('ends its pollers when the SQS service closes first', async () => {
    const lambda = fakeLambda(() => undefined);
    start(lambda);
    await sleep(20);
    sqs.close();
    await sleep(20); // a poller spinning on the closed service would starve this timer
    await mapping?.stop();
    expect(lambda.events).toHaveLength(0);
  });

  it('stops promptly while long polling, and hands back a batch still being collected', async () => {
    const lambda = fakeLambda(() => undefined);
    start(lambda, { batchSize: 5, maximumBatchingWindowSeconds: 20, maximumConcurrency: 1 });
    await sleep(20);
    sqs.send(QUEUE_ARN, 'collected');
    await sleep(50);
    const started = Date.now();
    await mapping?.stop();
    // Liveness, not speed: far below the 20 s batching window it would otherwise wait out.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lambda.events).toHaveLength(0);
    expect(counts('work').visible).toBe(1);
  });

  it('waits for its turn before receiving (messages stay visible meanwhile), then delivers them', async () => {
    const lambda = fakeLambda(() => null);
    let release: () => void = () => {};
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    sqs.send(QUEUE_ARN, 'held');
    start(lambda, { maximumConcurrency: 2 }, { beforeBatch: () => turn });
    await sleep(100);
    expect(lambda.events).toHaveLength(0);
    expect(counts('work')).toMatchObject({ visible: 1, inFlight: 0 });
    release();
    await waitFor(() => empty('work'));
    expect(lambda.events.flatMap((event) => event.Records.map((record) => record.body))).toEqual(['held']);
  });

  it('applies FilterCriteria to the record with its JSON body parsed; what no filter matches is deleted unseen', async () => {
    const lambda = fakeLambda(() => null);
    const outcomes: BatchOutcome[] = [];
    const filtered = {
      // AWS's own examples: a JSON body field, a number range, and a plain-string body.
      filters: sqsFilters('Stack/Filtered', {
        Filters: [
          { Pattern: '{ "body" : { "RequestCode" : [ "BBBB" ] } }' },
          { Pattern: JSON.stringify({ body: { RecordNumber: [{ numeric: ['>', 9999] }] } }) },
          { Pattern: JSON.stringify({ body: [{ prefix: 'Result: ' }] }) },
        ],
      }),
    };
    const bodies = [
      '{"RecordNumber":1,"RequestCode":"BBBB"}',
      '{"RecordNumber":1,"RequestCode":"AAAA"}',
      '{"RecordNumber":10000,"RequestCode":"AAAA"}',
      'Result: plain text',
      'Other plain text',
      // Not JSON, so no JSON pattern can match it, though it reads like one.
      '{RequestCode: BBBB}',
    ];
    for (const body of bodies) sqs.send(QUEUE_ARN, body);
    start(lambda, filtered, { onBatch: (outcome) => outcomes.push(outcome) });
    await waitFor(() => empty('work'));

    const delivered = lambda.events.flatMap((event) => event.Records.map((record) => record.body));
    expect(delivered.sort()).toEqual([bodies[0], bodies[2], bodies[3]].sort());
    // The function got each record as AWS shapes it: the body still the text that was sent.
    for (const event of lambda.events) expect(SqsSchema.safeParse(event).error).toBeUndefined();
    expect(outcomes.flatMap((outcome) => outcome.filteredOut)).toHaveLength(3);
    expect(counts('work-dlq').visible).toBe(0);
  });
});
