import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/** A DynamoDB stream consumer that reports partial batch failures (`ReportBatchItemFailures`). */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
