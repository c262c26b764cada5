import {
  APIGatewayProxyEventSchema,
  APIGatewayRequestAuthorizerEventSchema,
  APIGatewayTokenAuthorizerEventSchema,
} from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { buildRestApis } from '../../apigateway/build-rest-apis';
import type { ProxyEvent } from '../../apigateway/proxy-event';
import type { RestApiModel } from '../../apigateway/rest-api-model';
import { RestApiServer, type RestApiServerOptions } from '../../apigateway/rest-api-server';
import type { InvokeResult, LambdaService } from '../../lambda/types';
import type { ResolvedResource } from '../../model/resolved-resource';

/**
 * Hand-built resolved API Gateway resources for the local API Gateway's tests (what the template resolver
 * would hand over), plus a fake Lambda service and a server starter that remembers what to close.
 */
export const ACCOUNT = '000000000000';
export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
export const invocationUri = (arn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

export function resolved(
  type: string,
  logicalId: string,
  physicalId: string,
  properties: Record<string, unknown>,
  attributes: Record<string, string> = {},
): ResolvedResource {
  return {
    stackName: 'Test',
    logicalId,
    type: `AWS::ApiGateway::${type}`,
    physicalId,
    attributes,
    properties,
    metadata: {},
  };
}

/** Builds the resources of one REST API: `path('/orders/{id}')` creates the resource chain it needs. */
export class ApiBuilder {
  readonly resources: ResolvedResource[] = [];
  private readonly pathIds = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly apiId = 'api0001',
    restApiProps: Record<string, unknown> = {},
  ) {
    this.pathIds.set('/', `${apiId}-root`);
    this.resources.push(
      resolved(
        'RestApi',
        'Api',
        apiId,
        { Name: 'test-api', ...restApiProps },
        { RootResourceId: `${apiId}-root` },
      ),
    );
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** The resource id of `path`, creating the AWS::ApiGateway::Resource chain as needed. */
  path(path: string): string {
    const existing = this.pathIds.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const parent = this.path(cut === 0 ? '/' : path.slice(0, cut));
    const id = this.nextId('res');
    this.resources.push(
      resolved('Resource', `Resource${id}`, id, {
        RestApiId: this.apiId,
        ParentId: parent,
        PathPart: path.slice(cut + 1),
      }),
    );
    this.pathIds.set(path, id);
    return id;
  }

  method(path: string, httpMethod: string, props: Record<string, unknown>): this {
    const resourceId = this.path(path);
    this.resources.push(
      resolved('Method', `Method${this.nextId('m')}`, this.nextId('method'), {
        RestApiId: this.apiId,
        ResourceId: resourceId,
        HttpMethod: httpMethod,
        AuthorizationType: 'NONE',
        ...props,
      }),
    );
    return this;
  }

  /** A Lambda proxy method. */
  proxy(path: string, httpMethod: string, fn: string, props: Record<string, unknown> = {}): this {
    return this.method(path, httpMethod, {
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: invocationUri(functionArn(fn)) },
      ...props,
    });
  }

  stage(name: string, props: Record<string, unknown> = {}): this {
    this.resources.push(
      resolved('Stage', `Stage${name}`, name, {
        RestApiId: this.apiId,
        StageName: name,
        DeploymentId: 'dep1',
        ...props,
      }),
    );
    return this;
  }

  /** An API key in a usage plan of its own; `plan` holds the plan's ApiStages, Throttle, Quota... */
  keyInUsagePlan(key: { readonly id: string; readonly value: string }, plan: Record<string, unknown>): this {
    this.resources.push(
      resolved('ApiKey', `Key${key.id}`, key.id, { Value: key.value }),
      resolved('UsagePlan', `Plan${key.id}`, `plan-${key.id}`, plan),
      resolved('UsagePlanKey', `PlanKey${key.id}`, `pk-${key.id}`, {
        KeyId: key.id,
        KeyType: 'API_KEY',
        UsagePlanId: `plan-${key.id}`,
      }),
    );
    return this;
  }

  add(type: string, physicalId: string, props: Record<string, unknown>): this {
    this.resources.push(
      resolved(type, `${type}${physicalId}`, physicalId, { RestApiId: this.apiId, ...props }),
    );
    return this;
  }

  build(): RestApiModel {
    const [api] = buildRestApis(this.resources);
    if (!api) throw new Error('no REST API built');
    return api;
  }
}

export type FakeHandler = (event: unknown, functionArn: string) => unknown;

/**
 * Every event the emulator sends must parse with Powertools' API Gateway schemas (proxy, TOKEN or REQUEST
 * authorizer); an event that does not makes the invoke reject, which fails the test that produced it.
 */
function assertApiGatewayEvent(event: unknown): void {
  const type = (event as { type?: unknown }).type;
  const schema =
    type === 'TOKEN'
      ? APIGatewayTokenAuthorizerEventSchema
      : type === 'REQUEST'
        ? APIGatewayRequestAuthorizerEventSchema
        : APIGatewayProxyEventSchema;
  const result = schema.safeParse(event);
  if (!result.success) throw new Error(`event rejected by the Powertools schema: ${result.error.message}`);
}

/**
 * The one fake: a LambdaService whose functions are JS functions; a throw becomes a function error. It
 * checks every event against the Powertools schemas first.
 */
export function fakeLambda(
  handler: FakeHandler,
): LambdaService & { calls: Array<{ arn: string; event: unknown }> } {
  const calls: Array<{ arn: string; event: unknown }> = [];
  return {
    calls,
    async invoke(arn: string, event: unknown): Promise<InvokeResult> {
      assertApiGatewayEvent(event);
      calls.push({ arn, event });
      try {
        return { ok: true, payload: await handler(event, arn), durationMs: 1 };
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return {
          ok: false,
          functionError: 'Unhandled',
          payload: { errorType: failure.name, errorMessage: failure.message },
          durationMs: 1,
        };
      }
    },
    async invokeAsync(arn: string, event: unknown): Promise<void> {
      calls.push({ arn, event });
      await handler(event, arn);
    },
  };
}

/** The proxy event of the `index`-th call (throws when there is none). */
export function eventOf(lambda: { calls: Array<{ event: unknown }> }, index = 0): ProxyEvent {
  const call = lambda.calls.at(index);
  if (!call) throw new Error(`no call #${index}`);
  return call.event as ProxyEvent;
}

/** A handler answering 200 with the event echoed as JSON. */
export const echo: FakeHandler = (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(event),
});

/** Starts servers and closes them all in `closeAll` (call it from afterEach). */
export class Servers {
  private readonly started: RestApiServer[] = [];

  async start(api: RestApiModel, options: RestApiServerOptions): Promise<string> {
    const server = new RestApiServer(api, options);
    this.started.push(server);
    return server.listen();
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((server) => server.close()));
  }
}

/** A manual clock for throttling, quota and cache tests. */
export function manualClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
