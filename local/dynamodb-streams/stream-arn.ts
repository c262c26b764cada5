import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The parts of `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`. */
export interface TableStreamArn {
  readonly region: string;
  readonly accountId: string;
  readonly tableName: string;
  readonly label: string;
}

const TABLE_STREAM_ARN = /^arn:[^:]+:dynamodb:([^:]*):([^:]*):table\/([^/]+)\/stream\/(.+)$/;

/** Undefined for anything but a DynamoDB table stream ARN (a Kinesis stream, an SQS queue, ...). */
export function parseTableStreamArn(arn: string): TableStreamArn | undefined {
  const match = TABLE_STREAM_ARN.exec(arn);
  if (!match) return undefined;
  const [, region = '', accountId = '', tableName = '', label = ''] = match;
  return { region, accountId, tableName, label };
}

/**
 * The stream ARN DynamoDB Local gave the table. The template resolver can only invent the label (AWS sets
 * it when the table is created), and DynamoDB Local also puts its own region (`ddblocal`) in the ARN, so the
 * mapping's EventSourceArn is never the real one. The table name in it is exact, though, so the poller
 * looks the table up by name: this needs no cooperation from the orchestrator and stays right when a
 * persistent data directory kept an older table (and stream) across restarts.
 */
export async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = Table?.LatestStreamArn;
  if (!arn || Table?.StreamSpecification?.StreamEnabled === false) {
    throw new Error(`Table ${tableName} has no stream enabled, yet an event source mapping reads it`);
  }
  return arn;
}
