import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../dynamodb/dynamodb-local';
import { type AwsJsonService, AwsServiceError } from '../../../endpoint/aws-json-service';
import { EndpointServer } from '../../../endpoint/endpoint-server';

/** The single local endpoint: target-prefix routing to mounted services, DynamoDB forwarded to DynamoDB Local. */
let db: DynamoDbLocal;
let server: EndpointServer;
let url: string;
const calls: Array<[string, unknown]> = [];

const echo: AwsJsonService = {
  targetPrefix: 'EchoService',
  jsonVersion: '1.1',
  async handle(operation, input) {
    calls.push([operation, input]);
    if (operation === 'Fail') throw new AwsServiceError('ThingNotFound', 'no such thing', 404);
    return { operation, input };
  },
};

beforeAll(async () => {
  db = await startDynamoDbLocal();
  server = new EndpointServer({ services: [echo], dynamoDbEndpoint: db.endpoint });
  url = await server.listen(0);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.stop();
});

const post = (target: string, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' },
    body,
  });

describe('EndpointServer', () => {
  it('routes a request to the service of its X-Amz-Target prefix', async () => {
    const response = await post('EchoService.DoThing', '{"a":1}');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({ operation: 'DoThing', input: { a: 1 } });
  });

  it('answers service errors in the AWS JSON error shape', async () => {
    const response = await post('EchoService.Fail', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ __type: 'ThingNotFound', message: 'no such thing' });
  });

  it('refuses unknown targets and malformed JSON clearly', async () => {
    const unknown = await post('NoSuchService.X', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const malformed = await post('EchoService.DoThing', '{nope');
    expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('forwards DynamoDB to DynamoDB Local, so the unchanged SDK works through it', async () => {
    const client = new DynamoDBClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'through-endpoint',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: 'through-endpoint', Item: { id: { S: 'x' }, n: { N: '7' } } }),
    );
    const got = await client.send(
      new GetItemCommand({ TableName: 'through-endpoint', Key: { id: { S: 'x' } } }),
    );
    expect(got.Item).toEqual({ id: { S: 'x' }, n: { N: '7' } });
    client.destroy();
  });

  it('reports what it serves on the health route', async () => {
    const response = await fetch(`${url}/_local/health`);
    expect(await response.json()).toEqual({
      services: ['EchoService', 'DynamoDB_20120810', 'DynamoDBStreams_20120810'],
    });
  });
});

describe('EndpointServer: Lambda Invoke API', () => {
  it('invokes a local function through the unchanged Lambda SDK, sync, async and dry run', async () => {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
    const invoked: unknown[] = [];
    const lambda = {
      has: (name: string) => name === 'greeter',
      invoke: async (_name: string, event: unknown) => {
        invoked.push(event);
        return (event as { fail?: boolean }).fail
          ? {
              ok: false as const,
              functionError: 'Unhandled',
              payload: { errorType: 'Boom', errorMessage: 'no' },
              durationMs: 1,
            }
          : { ok: true as const, payload: { hello: (event as { name: string }).name }, durationMs: 1 };
      },
      invokeAsync: async (_name: string, event: unknown) => {
        invoked.push({ async: event });
      },
    };
    const endpoint = new EndpointServer({ services: [], lambda });
    const client = new LambdaClient({
      endpoint: await endpoint.listen(0),
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const ok = await client.send(
        new InvokeCommand({ FunctionName: 'greeter', Payload: JSON.stringify({ name: 'Ada' }) }),
      );
      expect(ok.StatusCode).toBe(200);
      expect(JSON.parse(Buffer.from(ok.Payload ?? []).toString())).toEqual({ hello: 'Ada' });
      const failed = await client.send(
        new InvokeCommand({ FunctionName: 'greeter', Payload: '{"fail":true}' }),
      );
      expect(failed.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString())).toMatchObject({ errorType: 'Boom' });
      const queued = await client.send(
        new InvokeCommand({ FunctionName: 'greeter', InvocationType: 'Event', Payload: '{}' }),
      );
      expect(queued.StatusCode).toBe(202);
      expect(
        (await client.send(new InvokeCommand({ FunctionName: 'greeter', InvocationType: 'DryRun' })))
          .StatusCode,
      ).toBe(204);
      await expect(client.send(new InvokeCommand({ FunctionName: 'nobody' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      expect(invoked).toEqual([{ name: 'Ada' }, { fail: true }, { async: {} }]);
    } finally {
      client.destroy();
      await endpoint.close();
    }
  });
});

describe('EndpointServer: DynamoDB capacity in the trace', () => {
  it('traces the units each call consumed, per table, and answers the caller as if nobody had asked', async () => {
    await throughTracedEndpoint(async (client, lines) => {
      await client.send(
        new CreateTableCommand({
          TableName: 'metered',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // 2.5 KB: three write units, one read unit (half of it eventually consistent).
      const item = { id: { S: 'big' }, text: { S: 'x'.repeat(2_500) } };
      const put = await client.send(new PutItemCommand({ TableName: 'metered', Item: item }));
      expect(put.ConsumedCapacity).toBeUndefined();
      const got = await client.send(
        new GetItemCommand({ TableName: 'metered', Key: { id: { S: 'big' } }, ConsistentRead: true }),
      );
      expect(got.Item).toEqual(item);
      expect(got.ConsumedCapacity).toBeUndefined();
      // A caller who asks gets its answer, as DynamoDB gives it.
      const asked = await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: 'metered', Item: { id: { S: 'small' } } } }],
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      expect(asked.ConsumedCapacity).toEqual([{ TableName: 'metered', CapacityUnits: 2 }]);
      await client.send(new DescribeTableCommand({ TableName: 'metered' }));
      expect(lines).toEqual([
        'endpoint DynamoDB_20120810.CreateTable -> DynamoDB Local',
        'endpoint DynamoDB_20120810.PutItem -> DynamoDB Local: metered 3 WRU',
        'endpoint DynamoDB_20120810.GetItem -> DynamoDB Local: metered 1 RRU',
        'endpoint DynamoDB_20120810.TransactWriteItems -> DynamoDB Local: metered 2 WRU',
        'endpoint DynamoDB_20120810.DescribeTable -> DynamoDB Local',
      ]);
    });
  });

  it('passes a failed call through unchanged, with no units', async () => {
    await throughTracedEndpoint(async (client, lines) => {
      await expect(
        client.send(new GetItemCommand({ TableName: 'no-such-table', Key: { id: { S: 'x' } } })),
      ).rejects.toThrow(/non-existent table/);
      expect(lines).toEqual([
        'endpoint DynamoDB_20120810.GetItem -> DynamoDB Local: failed: ResourceNotFoundException',
      ]);
    });
  });
});

/** A traced endpoint of its own, and an SDK client pointed at it, for `use`; both closed after. */
async function throughTracedEndpoint(
  use: (client: DynamoDBClient, lines: readonly string[]) => Promise<void>,
): Promise<void> {
  const lines: string[] = [];
  const traced = new EndpointServer({
    services: [],
    dynamoDbEndpoint: db.endpoint,
    onTrace: (line) => lines.push(line),
  });
  const client = new DynamoDBClient({
    endpoint: await traced.listen(0),
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  try {
    await use(client, lines);
  } finally {
    client.destroy();
    await traced.close();
  }
}
