import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { ORDERS_EVENTS } from '../../../lambdas/orders/contract';
import { eventConsumer } from '../../../lambdas/shared/choreography/event-consumer';
import { logger } from '../../../lambdas/shared/logger';
import { lambdaContext } from '../../helpers/api-gateway-event';
import { capturedLogs } from '../../helpers/captured-logs';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../helpers/dynamodb-local';

/**
 * A bus-event consumer's log lines carry the ids of the record they are about: a batch's records each
 * append their correlation and event ids to the one shared logger, so they must not run interleaved
 * (a slow first record would log under the ids of the records started after it).
 */
let db: DynamoDbLocal;
const TABLE = 'consumer-idempotency';

beforeAll(async () => {
  db = await startDynamoDbLocal();
  await db.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }),
  );
});
afterAll(() => db?.stop());

function record(n: number): SQSRecord {
  const body = {
    source: 'shop.orders',
    'detail-type': 'OrderNoteAdded',
    detail: {
      metadata: {
        eventId: `evt-${n}-${Date.now()}`,
        correlationId: `corr-${n}`,
        causationId: 'test',
        schemaVersion: 1,
        occurredAt: '2026-12-05T10:00:00.000Z',
      },
      data: { author: 'support', note: `note ${n}` },
    },
  };
  return {
    messageId: `m-${n}`,
    receiptHandle: `r-${n}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:queue',
    awsRegion: 'us-east-1',
  } as unknown as SQSRecord;
}

describe('a consumer of bus events', () => {
  it("logs each record's lines under that record's correlation id, however long each takes", async () => {
    const handler = eventConsumer({
      producers: [ORDERS_EVENTS],
      reactions: {
        // The first record is the slowest: run side by side, it would still be logging after the others began.
        OrderNoteAdded: async (event) => {
          const n = Number((event.data as { note: string }).note.split(' ')[1]);
          await new Promise((resolve) => setTimeout(resolve, (3 - n) * 40));
          logger.info('reacting', { note: n });
          return 'noted';
        },
      },
      idempotency: { client: db.client, tableName: TABLE, keyPrefix: 'logs-test' },
    });
    const batch: SQSEvent = { Records: [0, 1, 2].map(record) };
    const { result, lines } = await capturedLogs(() => handler(batch, lambdaContext('consumer')));
    expect(result).toEqual({ batchItemFailures: [] });
    const reacting = lines.filter((line) => line.message === 'reacting');
    expect(reacting).toHaveLength(3);
    for (const line of reacting) expect(line.correlationId).toBe(`corr-${line.note}`);
  });
});
