import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients with explicit timeouts and retries, so a slow dependency fails inside the function's own
 * timeout (API 29 s > function > SDK) instead of hanging until Lambda kills it. Endpoints are not set
 * here: the SDK reads `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL` itself, which is how the same code
 * runs against DynamoDB Local, LocalStack and AWS.
 */
export const SDK_TIMEOUTS = {
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 3_000,
  maxAttempts: 3,
} as const;

/** The options every SDK client gets; a request that waits for another function's answer needs longer. */
export function sdkClientOptions(requestTimeoutMs: number = SDK_TIMEOUTS.requestTimeoutMs) {
  return {
    maxAttempts: SDK_TIMEOUTS.maxAttempts,
    requestHandler: { connectionTimeout: SDK_TIMEOUTS.connectionTimeoutMs, requestTimeout: requestTimeoutMs },
  };
}

export function dynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient(sdkClientOptions());
}

export function documentClient(client: DynamoDBClient = dynamoDbClient()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
