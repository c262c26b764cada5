import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsJsonService, AwsServiceError } from '../../../../local/endpoint/aws-json-service';
import { LocalSqs } from '../../../../local/sqs/local-sqs';

/**
 * The smallest AWS JSON endpoint: POST, `X-Amz-Target: <prefix>.<Operation>`, JSON in and out, errors as
 * `{ __type, message }` with their status (and `x-amzn-query-error` when the error carries one). The
 * local cloud's single endpoint mounts a service the same way.
 */
export async function startEndpoint(
  service: AwsJsonService,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.slice(service.targetPrefix.length + 1);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, {
          'content-type': `application/x-amz-json-${service.jsonVersion}`,
          ...headers,
        });
        response.end(JSON.stringify(body));
      };
      const text = Buffer.concat(chunks).toString('utf8');
      Promise.resolve()
        .then(() => service.handle(operation, text ? (JSON.parse(text) as Record<string, unknown>) : {}))
        .then(
          (output) => send(200, output ?? {}),
          (error: unknown) => {
            if (!(error instanceof AwsServiceError))
              return send(500, { __type: 'InternalFailure', message: String(error) });
            const queryError = (error as { queryErrorHeader?: string }).queryErrorHeader;
            send(
              error.statusCode,
              { __type: error.code, message: error.message },
              queryError ? { 'x-amzn-query-error': queryError } : {},
            );
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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
