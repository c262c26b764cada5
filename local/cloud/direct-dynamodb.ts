/**
 * The SDK's service-specific endpoint variables (v3 reads `AWS_ENDPOINT_URL_<SERVICE ID>` before
 * `AWS_ENDPOINT_URL`) pointing a function's DynamoDB and DynamoDB Streams clients at DynamoDB Local itself.
 * SDK v2 reads neither and keeps going through the local endpoint, which forwards the same bytes.
 */
export function directDynamoDbEndpoints(dynamoDbLocal: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbLocal,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamoDbLocal,
  };
}
