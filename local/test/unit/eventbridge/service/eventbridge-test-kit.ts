import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  buildEventBridgeModel,
  LocalEventBridge,
  type LocalEventBridgeOptions,
  type SendToQueueOptions,
  type TargetDispatcher,
} from '../../../../eventbridge';
import type { LambdaService } from '../../../../lambda/types';
import type { ResolvedResource } from '../../../../model/resolved-resource';
import { serveAwsJson } from '../../../helpers/aws-json-endpoint';

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
  readonly published: Array<{ topicArn: string; message: string; messageGroupId?: string }> = [];
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

  async publishToTopic(
    topicArn: string,
    message: string,
    options: { messageGroupId?: string },
  ): Promise<void> {
    this.attempt(topicArn);
    this.published.push({ topicArn, message, ...options });
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

/** The service behind the local cloud's endpoint server, with an EventBridge client pointed at it. */
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
  const endpoint = await serveAwsJson(service);
  const client = new EventBridgeClient({
    endpoint: endpoint.url,
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
      await endpoint.close();
    },
  };
}
