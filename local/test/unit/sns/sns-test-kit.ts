import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import type { InvokeResult, LambdaService } from '../../../lambda/types';
import { buildSnsModel, LocalSns, SnsService } from '../../../sns';
import { LocalSqs } from '../../../sqs/local-sqs';

/** Records the asynchronous invocations SNS makes; an ARN in `missing` fails as Lambda does for it. */
export class RecordingLambda implements LambdaService {
  readonly events: Array<{ functionArn: string; event: unknown }> = [];
  readonly missing = new Set<string>();

  invoke(): Promise<InvokeResult> {
    throw new Error('SNS invokes functions asynchronously only');
  }

  async invokeAsync(functionArn: string, event: unknown): Promise<void> {
    if (this.missing.has(functionArn)) {
      const error = new Error(`Function not found: ${functionArn}`);
      error.name = 'ResourceNotFoundException';
      throw error;
    }
    this.events.push({ functionArn, event });
  }
}

export interface SnsHarness {
  sns: LocalSns;
  sqs: LocalSqs;
  lambda: RecordingLambda;
  snsClient: SNSClient;
  sqsClient: SQSClient;
  endpoint: string;
  warnings: string[];
}

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

/**
 * A LocalSns and a LocalSqs behind one endpoint server per test, reached with the real SDK clients;
 * functions are a recording LambdaService (the adapter SNS talks to).
 */
export function useSns(options: { httpRetryDelayMs?: number } = {}): SnsHarness {
  const harness = {} as SnsHarness;
  let server: EndpointServer | undefined;
  beforeEach(async () => {
    server = new EndpointServer({ services: [] });
    harness.endpoint = await server.listen(0);
    harness.sqs = new LocalSqs({ endpoint: harness.endpoint });
    harness.lambda = new RecordingLambda();
    harness.warnings = [];
    const sqs = harness.sqs;
    harness.sns = new LocalSns({
      model: buildSnsModel([]),
      accountId: '000000000000',
      links: { endpoint: harness.endpoint, region: 'us-east-1' },
      targets: { lambda: harness.lambda, sendToQueue: (arn, body, send) => void sqs.send(arn, body, send) },
      httpRetryDelayMs: options.httpRetryDelayMs ?? 10,
      onWarning: (line) => harness.warnings.push(line),
    });
    server.mount(harness.sqs);
    server.mountQuery(new SnsService(harness.sns, 'us-east-1'));
    harness.snsClient = new SNSClient(clientConfig(harness.endpoint));
    harness.sqsClient = new SQSClient(clientConfig(harness.endpoint));
  });
  afterEach(async () => {
    harness.sns.close();
    harness.sqs.close();
    harness.snsClient.destroy();
    harness.sqsClient.destroy();
    await server?.close();
  });
  return harness;
}

/** Waits until `check` returns something (deliveries happen in the background), or fails after 2 s. */
export async function eventually<T>(check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a delivery');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
