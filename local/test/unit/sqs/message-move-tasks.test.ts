import { LocalSqs } from '../../../sqs';

/** StartMessageMoveTask and ListMessageMoveTasks: redrive from a dead-letter queue, as SQS's API has it. */
const ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('message move tasks', () => {
  let sqs: LocalSqs;
  beforeEach(() => {
    sqs = new LocalSqs();
    sqs.createQueue('dlq');
    sqs.createQueue('other');
    for (const name of ['a', 'b'])
      sqs.createQueue(name, {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('dlq'), maxReceiveCount: 1 }),
      });
  });
  afterEach(() => sqs.close());

  /** A message of `name` dead-lettered the way SQS does it: received once and never deleted. */
  async function deadLettered(name: string, body: string) {
    sqs.send(name, body);
    await sqs.receive(name, { visibilityTimeout: 0 });
    await sqs.receive(name);
  }
  const bodies = async (name: string) =>
    (await sqs.receive(name, { maxMessages: 10 })).map((r) => r.message.body).sort();

  it('moves each message back to the queue it was dead-lettered from, and lists the task', async () => {
    await deadLettered('a', 'from a');
    await deadLettered('b', 'from b');
    expect(sqs.queue('dlq').counts().visible).toBe(2);

    const started = (await sqs.handle('StartMessageMoveTask', { SourceArn: ARN('dlq') })) as {
      TaskHandle: string;
    };
    expect(started.TaskHandle).toEqual(expect.any(String));
    expect(sqs.queue('dlq').counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(await bodies('a')).toEqual(['from a']);
    expect(await bodies('b')).toEqual(['from b']);
    expect(await sqs.handle('ListMessageMoveTasks', { SourceArn: ARN('dlq') })).toEqual({
      Results: [
        expect.objectContaining({
          Status: 'COMPLETED',
          SourceArn: ARN('dlq'),
          ApproximateNumberOfMessagesMoved: 2,
          ApproximateNumberOfMessagesToMove: 2,
        }),
      ],
    });
  });

  it('moves them all to DestinationArn when one is given', async () => {
    await deadLettered('a', 'one');
    await sqs.handle('StartMessageMoveTask', { SourceArn: ARN('dlq'), DestinationArn: ARN('other') });
    expect(await bodies('other')).toEqual(['one']);
  });

  it('fails the task for a message of unknown source when the DLQ has several sources, and keeps it', async () => {
    sqs.send('dlq', 'typed by hand');
    await sqs.handle('StartMessageMoveTask', { SourceArn: ARN('dlq') });
    expect(sqs.queue('dlq').counts().visible).toBe(1);
    const { Results } = (await sqs.handle('ListMessageMoveTasks', {
      SourceArn: ARN('dlq'),
      MaxResults: 10,
    })) as {
      Results: { Status: string; FailureReason?: string }[];
    };
    expect(Results[0]).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringMatching(/no known source/),
    });
  });

  it('refuses a source that is no dead-letter queue', async () => {
    await expect(sqs.handle('StartMessageMoveTask', { SourceArn: ARN('other') })).rejects.toThrow(
      /must be configured as a Dead Letter Queue/,
    );
  });
});
