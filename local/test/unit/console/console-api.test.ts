import { ConsoleApi } from '../../../console/console-api';
import { TraceRing } from '../../../console/trace-ring';
import { LocalSqs } from '../../../sqs';

/** The console's JSON routes over the cloud's own state: queues, dead letters and their redrive, trace. */
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:work-dlq';

describe('ConsoleApi', () => {
  let sqs: LocalSqs;
  let ring: TraceRing;
  let api: ConsoleApi;
  beforeEach(() => {
    sqs = new LocalSqs();
    sqs.createQueue('work-dlq');
    sqs.createQueue('work', {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 1 }),
    });
    ring = new TraceRing(100);
    api = new ConsoleApi({ ring, sqs });
  });
  afterEach(() => sqs.close());

  const get = (route: string, query: Record<string, string> = {}) =>
    api.answer('GET', route, new URLSearchParams(query));
  const queue = async (name: string) =>
    ((await get('queues')).body as { name: string; visible: number; inFlight: number }[]).find(
      (q) => q.name === name,
    );

  it("lists queues with their depth, where each one's dead letters go and which queues feed a DLQ", async () => {
    sqs.send('work', 'a');
    const answer = await get('queues');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'work',
          visible: 1,
          deadLetterQueueArn: DLQ_ARN,
          sourceQueueArns: [],
        }),
        expect.objectContaining({
          name: 'work-dlq',
          visible: 0,
          sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:work'],
        }),
      ]),
    );
  });

  it("shows a DLQ's messages without receiving them, and redrives them to the queue they came from", async () => {
    sqs.send('work', 'poison');
    // Received once and never deleted: the second receive finds it dead-lettered (maxReceiveCount 1).
    await sqs.receive('work', { visibilityTimeout: 0 });
    await sqs.receive('work');
    const dlq = sqs.queues().find((q) => q.identity.name === 'work-dlq');
    if (!dlq) throw new Error('no dlq');
    const shown = await get('messages', { queue: dlq.identity.url });
    expect(shown.body).toEqual([
      expect.objectContaining({
        body: 'poison',
        deadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:work',
      }),
    ]);
    expect(await get('messages', { queue: dlq.identity.url })).toEqual(shown);

    const redriven = await api.answer('POST', 'redrive', new URLSearchParams({ queue: dlq.identity.url }));
    expect(redriven.body).toEqual({ moved: 1 });
    expect(await queue('work-dlq')).toMatchObject({ visible: 0, inFlight: 0 });
    const [back] = await sqs.receive('work');
    expect(back?.message.body).toBe('poison');
  });

  it('sends a message put straight into a DLQ to its only source queue', async () => {
    sqs.send('work-dlq', 'typed in by hand');
    const dlq = await queue('work-dlq');
    expect(dlq?.visible).toBe(1);
    const url = sqs.queues().find((q) => q.identity.name === 'work-dlq')?.identity.url as string;
    expect((await api.answer('POST', 'redrive', new URLSearchParams({ queue: url }))).body).toEqual({
      moved: 1,
    });
    expect(await queue('work')).toMatchObject({ visible: 1 });
  });

  it('answers 404 for an unknown queue or route', async () => {
    expect((await get('messages', { queue: 'nope' })).status).toBe(404);
    expect((await api.answer('POST', 'redrive', new URLSearchParams({ queue: 'nope' }))).status).toBe(404);
    expect((await get('nothing')).status).toBe(404);
  });

  it('hands the trace out incrementally', async () => {
    ring.push({ kind: 'api', line: 'api      one' });
    ring.push({ kind: 'api', line: 'api      two' });
    expect(await get('trace', { after: '1' })).toEqual({
      status: 200,
      body: { lastSeq: 2, records: [expect.objectContaining({ seq: 2, line: 'api      two' })] },
    });
  });

  it('has no executions or tables when the cloud has no Step Functions or DynamoDB', async () => {
    expect((await get('executions')).body).toEqual([]);
    expect((await get('tables')).body).toEqual([]);
  });
});
