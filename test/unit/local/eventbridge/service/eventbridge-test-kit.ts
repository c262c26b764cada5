import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type AwsJsonService, AwsServiceError } from '../../../../../local/endpoint/aws-json-service';
import {
  buildEventBridgeModel,
  LocalEventBridge,
  type LocalEventBridgeOptions,
  type SendToQueueOptions,
  type TargetDispatcher,
} from '../../../../../local/eventbridge';
import type { LambdaService } from '../../../../../local/lambda/types';
import type { ResolvedResource } from '../../../../../local/model/resolved-resource';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const arn = (service: string, resource: string): string =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
export const functionArn = (name: string): string => arn('lambda', `function:${name}`);
export const queueArn = (name: string): string => arn('sqs', name);
export const busArn = (name: string): string => arn('events', `event-bus/${name}`);

/** A resolved resource as the template resolver hands it over. */
function resource(
  type: string,
  logicalId: string,
  physicalId: string,
  attributes: Record<string, string>,
  properties: Record<string, unknown>,
): ResolvedResource {
  return { stackName: 'Test', logicalId, type, physicalId, attributes, properties, metadata: {} };
}

export function bus(name: string): ResolvedResource {
  return resource(
    'AWS::Events::EventBus',
    `${name}Bus`,
    name,
    { Name: name, Arn: busArn(name) },
    { Name: name },
  );
}

export function rule(name: string, properties: Record<string, unknown>): ResolvedResource {
  const busName =
    typeof properties.EventBusName === 'string'
      ? properties.EventBusName.replace(/^arn:.*:event-bus\//, '')
      : 'default';
  const onDefault = busName === 'default';
  return resource(
    'AWS::Events::Rule',
    `${name}Rule`,
    onDefault ? name : `${busName}|${name}`,
    { Arn: arn('events', onDefault ? `rule/${name}` : `rule/${busName}/${name}`) },
    { Name: name, ...properties },
  );
}

export function archive(name: string, properties: Record<string, unknown>): ResolvedResource {
  return resource(
    'AWS::Events::Archive',
    `${name}Archive`,
    name,
    { Arn: arn('events', `archive/${name}`) },
    properties,
  );
}

/** Records what EventBridge hands to the other services; `fail` makes a target ARN reject. */
export class FakeDispatcher implements TargetDispatcher {
  readonly invocations: Array<{ arn: string; event: unknown }> = [];
  readonly messages: Array<{ queueArn: string; body: string; options: SendToQueueOptions }> = [];
  readonly executions: Array<{ arn: string; input: string }> = [];
  readonly attempts: string[] = [];
  private readonly failures = new Map<string, { remaining: number; error: () => Error }>();

  readonly lambda: LambdaService = {
    invoke: () => Promise.reject(new Error('EventBridge invokes asynchronously')),
    invokeAsync: async (target, event) => {
      this.attempt(target);
      this.invocations.push({ arn: target, event });
    },
  };

  /** The next `times` deliveries to `targetArn` reject with `error()`. */
  fail(
    targetArn: string,
    times = Number.POSITIVE_INFINITY,
    error = (): Error => new Error('target unavailable'),
  ): void {
    this.failures.set(targetArn, { remaining: times, error });
  }

  async sendToQueue(target: string, body: string, options: SendToQueueOptions): Promise<void> {
    this.attempt(target);
    this.messages.push({ queueArn: target, body, options });
  }

  async startExecution(target: string, input: string): Promise<void> {
    this.attempt(target);
    this.executions.push({ arn: target, input });
  }

  bodiesFor(target: string): unknown[] {
    return this.messages
      .filter((message) => message.queueArn === target)
      .map((message) => JSON.parse(message.body));
  }

  private attempt(target: string): void {
    this.attempts.push(target);
    const failure = this.failures.get(target);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      throw failure.error();
    }
  }
}

export interface TestCloud {
  readonly client: EventBridgeClient;
  readonly service: LocalEventBridge;
  readonly dispatcher: FakeDispatcher;
  readonly traces: string[];
  readonly warnings: string[];
  readonly modelWarnings: readonly string[];
  close(): Promise<void>;
}

/** The service behind a tiny HTTP server that speaks awsJson1.1 as the single local endpoint will. */
export async function startEventBridge(
  resources: readonly ResolvedResource[],
  options: Partial<LocalEventBridgeOptions> = {},
): Promise<TestCloud> {
  const model = buildEventBridgeModel(resources);
  const dispatcher = new FakeDispatcher();
  const traces: string[] = [];
  const warnings: string[] = [];
  const service = new LocalEventBridge({
    model,
    dispatcher,
    retryDelayMs: () => 0,
    onTrace: (line) => traces.push(line),
    onWarning: (message) => warnings.push(message),
    ...options,
  });
  const server = await listen(service);
  const { port } = server.address() as AddressInfo;
  const client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    service,
    dispatcher,
    traces,
    warnings,
    modelWarnings: model.warnings,
    close: async () => {
      client.destroy();
      await service.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(service: AwsJsonService): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const [prefix, operation = ''] = String(request.headers['x-amz-target'] ?? '').split('.');
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': `application/x-amz-json-${service.jsonVersion}` });
        response.end(JSON.stringify(body));
      };
      if (prefix !== service.targetPrefix)
        return send(400, { __type: 'UnknownOperationException', message: 'wrong service' });
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      service.handle(operation, input).then(
        (output) => send(200, output ?? {}),
        (error: unknown) =>
          error instanceof AwsServiceError
            ? send(error.statusCode, { __type: error.code, message: error.message })
            : send(500, { __type: 'InternalFailure', message: String(error) }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
