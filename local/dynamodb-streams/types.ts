import type { CompiledPattern } from '../eventbridge/pattern';

/** Where a mapping starts reading a shard that exists when the mapping starts. */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/**
 * One AWS::Lambda::EventSourceMapping over a DynamoDB table stream, its properties parsed and AWS's
 * defaults applied (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html).
 */
export interface StreamMappingDefinition {
  /** `stackName/logicalId`, for messages. */
  readonly id: string;
  /** The function name or ARN, as the template gives it (LambdaService.invoke takes both). */
  readonly functionName: string;
  /** The function's ARN, for the on-failure record. */
  readonly functionArn: string;
  /** EventSourceArn as resolved from the template: what the events and failure records carry. */
  readonly eventSourceArn: string;
  /** The table the stream belongs to, taken from eventSourceArn. */
  readonly tableName: string;
  readonly region: string;
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly startingPosition: StartingPosition;
  /** A record is delivered when it matches one of these (or when there are none). */
  readonly filters: readonly CompiledPattern[];
  /** -1 = retry until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1 = no age limit. */
  readonly maximumRecordAgeSeconds: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly reportBatchItemFailures: boolean;
  /** DestinationConfig.OnFailure.Destination (an SQS queue or SNS topic ARN). */
  readonly onFailureDestination?: string;
}

/** An attribute value in DynamoDB JSON, as Lambda's events carry it (`{ "S": "..." }`, binary as base64). */
export type AttributeValueJson = { readonly [type: string]: unknown };
export type ItemJson = Readonly<Record<string, AttributeValueJson>>;

/** One record of the event Lambda sends for a DynamoDB stream (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). */
export interface DynamoDbStreamLambdaRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Epoch seconds. */
    readonly ApproximateCreationDateTime: number;
    readonly Keys: ItemJson;
    readonly NewImage?: ItemJson;
    readonly OldImage?: ItemJson;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  };
  readonly eventSourceARN: string;
}

export interface DynamoDbStreamLambdaEvent {
  readonly Records: readonly DynamoDbStreamLambdaRecord[];
}

/** A record read from the stream, with what the poller knows about it besides its content. */
export interface PolledRecord {
  readonly record: DynamoDbStreamLambdaRecord;
  /** Best estimate of when the record entered the stream (epoch ms); see arrival-time.ts. */
  readonly arrivalMs: number;
}

/**
 * What Lambda sends to a stream mapping's on-failure destination: where the discarded batch sits in the
 * stream, not its records (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
export interface StreamFailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    readonly approximateInvokeCount: number;
  };
  /** Absent when the batch expired before any invocation. */
  readonly responseContext?: {
    readonly statusCode: number;
    readonly executedVersion: string;
    readonly functionError?: string;
  };
  readonly version: '1.0';
  /** ISO-8601 time of the failure. */
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    /** ISO-8601, whole seconds, as AWS writes them. */
    readonly approximateArrivalOfFirstRecord: string;
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

export type OnStreamFailure = (destinationArn: string, record: StreamFailureRecord) => Promise<void> | void;
