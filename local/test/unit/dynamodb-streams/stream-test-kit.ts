import { CreateTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../dynamodb/dynamodb-local';
import {
  DynamoDbStreamEventSources,
  type DynamoDbStreamLambdaEvent,
  type StreamCheckpoints,
  type StreamFailureRecord,
  toStreamMapping,
} from '../../../dynamodb-streams';
import type { InvokeResult, LambdaService } from '../../../lambda/types';
import type { BeforeBatch } from '../../../shared/requests-in-flight';

export const REGION = 'us-east-1';

/** An answer of the fake function to one invocation. */
export type Answer = (event: DynamoDbStreamLambdaEvent, call: number) => InvokeResult;

export const ok = (payload: unknown = null): InvokeResult => ({ ok: true, payload, durationMs: 1 });
export const failed = (message = 'boom'): InvokeResult => ({
  ok: false,
  functionError: 'Unhandled',
  payload: { errorType: 'Error', errorMessage: message },
  durationMs: 1,
});

/** A LambdaService that records each synchronous invocation and answers as the test says. */
export function fakeLambda(answer: Answer = () => ok()) {
  let inFlight = 0;
  const fake = {
    calls: [] as DynamoDbStreamLambdaEvent[],
    functionNames: new Set<string>(),
    /** The most invocations that overlapped: one batch at a time per shard means 1. */
    maxInFlight: 0,
    service: {
      async invoke(functionName: string, event: unknown): Promise<InvokeResult> {
        fake.functionNames.add(functionName);
        inFlight += 1;
        fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
        fake.calls.push(event as DynamoDbStreamLambdaEvent);
        // A few turns of the event loop, so that an overlapping second invocation would show.
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return answer(event as DynamoDbStreamLambdaEvent, fake.calls.length);
      },
      async invokeAsync(): Promise<void> {
        throw new Error('a stream poller invokes synchronously');
      },
    } satisfies LambdaService,
  };
  return fake;
}

/** The `id` key of each record of an event, in order. */
export const idsOf = (event: DynamoDbStreamLambdaEvent | undefined): string[] =>
  (event?.Records ?? []).map((record) => String(record.dynamodb.Keys.id?.S));

/** One DynamoDB Local for the test file, plus helpers that clean up after each test. */
export function streamsTestKit() {
  let local: DynamoDbLocal | undefined;
  let tables = 0;
  const open: DynamoDbStreamEventSources[] = [];
  beforeAll(async () => {
    local = await startDynamoDbLocal({ region: REGION });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sources) => sources.stop()));
  });
  afterAll(async () => {
    await local?.stop();
  });

  const client = (): DynamoDBClient => {
    if (!local) throw new Error('DynamoDB Local is not running');
    return local.client;
  };

  return {
    client,
    /** A fresh table `{ id: S }` with a NEW_AND_OLD_IMAGES stream; returns its name. */
    async createTable(): Promise<string> {
      tables += 1;
      const name = `streams-test-${tables}`;
      await client().send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      return name;
    },
    async put(table: string, id: string, extra: Record<string, { S: string }> = {}): Promise<void> {
      await client().send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, ...extra } }));
    },
    /** Event sources for one mapping of `table` (template-style properties), stopped after the test. */
    sources(
      table: string,
      lambda: LambdaService,
      properties: Record<string, unknown> = {},
      extra: {
        onFailure?: (destination: string, record: StreamFailureRecord) => void;
        retryDelayMs?: number;
        checkpoints?: StreamCheckpoints;
        beforeBatch?: BeforeBatch;
      } = {},
    ) {
      const trace: string[] = [];
      const mapping = toStreamMapping('Test/Mapping', {
        // The placeholder label the template resolver writes: the poller must find the real stream.
        EventSourceArn: `arn:aws:dynamodb:${REGION}:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`,
        FunctionName: 'consumer',
        StartingPosition: 'TRIM_HORIZON',
        ...properties,
      });
      const sources = new DynamoDbStreamEventSources({
        mappings: [mapping],
        lambda,
        endpoint: local?.endpoint ?? '',
        region: REGION,
        pollIntervalMs: 20,
        describeIntervalMs: 100,
        retryDelayMs: extra.retryDelayMs ?? 10,
        onTrace: (line) => trace.push(line),
        ...(extra.onFailure ? { onFailure: extra.onFailure } : {}),
        ...(extra.checkpoints ? { checkpoints: extra.checkpoints } : {}),
        ...(extra.beforeBatch ? { beforeBatch: extra.beforeBatch } : {}),
      });
      open.push(sources);
      return { sources, trace };
    },
  };
}
