import { SQSClient } from '@aws-sdk/client-sqs';
import { sdkClientOptions } from '../aws/clients';

/** An SQS client with the shared timeouts; the endpoint comes from the environment (AWS_ENDPOINT_URL). */
export function sqsClient(): SQSClient {
  return new SQSClient(sdkClientOptions());
}
