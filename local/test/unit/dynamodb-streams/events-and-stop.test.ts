import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb';
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { failed, fakeLambda, idsOf, streamsTestKit } from './stream-test-kit';

// One DynamoDB Local for the whole file; each test has its own table.
const kit = streamsTestKit();
jest.setTimeout(15_000);

describe('DynamoDB stream events', () => {
  it("are shaped as Lambda's and parse with Powertools' DynamoDB stream schema", async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    const { sources } = kit.sources(table, lambda.service);
    await sources.start();
    const client = kit.client();
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          id: { S: 'typed' },
          text: { S: 'hello' },
          count: { N: '42' },
          bytes: { B: Buffer.from('hi') },
          flag: { BOOL: true },
          nothing: { NULL: true },
          list: { L: [{ S: 'x' }, { N: '1' }] },
          map: { M: { nested: { S: 'y' } } },
          strings: { SS: ['a', 'b'] },
          numbers: { NS: ['1', '2'] },
          binaries: { BS: [Buffer.from('z')] },
        },
      }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { id: { S: 'typed' } },
        UpdateExpression: 'SET #c = :c',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':c': { N: '43' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: table, Key: { id: { S: 'typed' } } }));
    await sources.drain();

    const records = lambda.calls.flatMap((event) => event.Records);
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    for (const event of lambda.calls) expect(DynamoDBStreamSchema.safeParse(event).error).toBeUndefined();

    const [insert, modify, remove] = records;
    expect(insert).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`,
      dynamodb: {
        Keys: { id: { S: 'typed' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
      },
    });
    expect(insert?.eventID).toEqual(expect.any(String));
    expect(insert?.dynamodb.NewImage?.bytes).toEqual({ B: Buffer.from('hi').toString('base64') });
    expect(insert?.dynamodb.NewImage?.binaries).toEqual({ BS: [Buffer.from('z').toString('base64')] });
    expect(insert?.dynamodb.OldImage).toBeUndefined();
    const seconds = insert?.dynamodb.ApproximateCreationDateTime ?? 0;
    expect(Number.isInteger(seconds)).toBe(true);
    // DynamoDB Local truncates the creation time to the minute.
    expect(Math.abs(Date.now() / 1000 - seconds)).toBeLessThan(120);
    expect(modify?.dynamodb.OldImage?.count).toEqual({ N: '42' });
    expect(modify?.dynamodb.NewImage?.count).toEqual({ N: '43' });
    expect(remove?.dynamodb.NewImage).toBeUndefined();

    const parsed = DynamoDBStreamSchema.parse(lambda.calls[0]);
    expect(parsed.Records[0]?.dynamodb.NewImage).toMatchObject({
      text: 'hello',
      count: 42,
      flag: true,
      nothing: null,
      list: ['x', 1],
      map: { nested: 'y' },
      strings: new Set(['a', 'b']),
    });
  });
});

describe('stop()', () => {
  it('ends polling mid-retry without waiting out the delay, and invokes nothing afterwards', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda(() => failed());
    // Infinite retries with a long delay: the shard is blocked in a retry wait when stop() comes.
    const { sources } = kit.sources(table, lambda.service, {}, { retryDelayMs: 60_000 });
    await sources.start();
    await kit.put(table, 'stuck');
    while (lambda.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // Liveness, not speed: stop() must not wait out the 60 s retry delay (the sentinel is far below it).
    let sentinel: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      sources.stop().then(() => 'stopped'),
      new Promise((resolve) => {
        sentinel = setTimeout(() => resolve('still waiting for the retry delay'), 4_000);
      }),
    ]);
    clearTimeout(sentinel);
    expect(outcome).toBe('stopped');

    const callsAtStop = lambda.calls.length;
    await kit.put(table, 'after-stop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lambda.calls.length).toBe(callsAtStop);
    expect(lambda.calls.flatMap(idsOf)).not.toContain('after-stop');
  });

  it('does not poll a disabled mapping', async () => {
    const table = await kit.createTable();
    const lambda = fakeLambda();
    const { sources } = kit.sources(table, lambda.service, { Enabled: false });
    await sources.start();
    await kit.put(table, 'ignored');
    await sources.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lambda.calls).toHaveLength(0);
  });
});
