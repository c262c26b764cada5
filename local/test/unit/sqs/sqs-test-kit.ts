import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsJsonService } from '../../../endpoint/aws-json-service';
import { LocalSqs } from '../../../sqs/local-sqs';
import { serveAwsJson } from '../../helpers/aws-json-endpoint';

/** The SQS service behind the local cloud's endpoint server (see test/helpers/aws-json-endpoint.ts). */
export const startEndpoint = (service: AwsJsonService) => serveAwsJson(service);

export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private time = 1_700_000_000_000) {}
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface Harness {
  sqs: LocalSqs;
  client: SQSClient;
  clock: ManualClock;
}

/**
 * One LocalSqs behind an endpoint per test, reached with the real SDK client. `clock` drives the
 * service's time when `manualClock` is set; otherwise the service runs on real time.
 */
export function useSqs(options: { manualClock?: boolean } = {}): Harness {
  const harness = {} as Harness;
  let endpoint: { url: string; close(): Promise<void> } | undefined;
  beforeEach(async () => {
    harness.clock = new ManualClock();
    harness.sqs = new LocalSqs(options.manualClock ? { now: harness.clock.now } : {});
    endpoint = await startEndpoint(harness.sqs);
    harness.client = sqsClient(endpoint.url);
  });
  afterEach(async () => {
    harness.sqs.close();
    harness.client.destroy();
    await endpoint?.close();
  });
  return harness;
}
