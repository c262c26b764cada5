import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/** Invokes a function through the local endpoint with the unchanged SDK and answers its parsed payload. */
export async function invokeOnEndpoint<T>(
  endpoint: string,
  functionName: string,
  event?: unknown,
): Promise<T> {
  const client = new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  try {
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        ...(event === undefined ? {} : { Payload: JSON.stringify(event) }),
      }),
    );
    return JSON.parse(Buffer.from(answer.Payload ?? []).toString()) as T;
  } finally {
    client.destroy();
  }
}
