import { buildRestApis, type RestApiModel, RestApiServer } from '../apigateway';
import type { AccessFacts } from '../apigateway/access-log';
import type { IamCredential } from '../apigateway/iam-authorization';
import type { CacheOutcome } from '../apigateway/response-caching';
import type { UserPoolTokenVerifier } from '../apigateway/user-pool-authorizer';
import type { LambdaService } from '../lambda/types';
import { LOCAL_REGION } from '../model/resolved-resource';
import { executionLogInput, requestInput } from './api-trace';
import type { CloudContext } from './cloud-context';

export interface LocalApi {
  readonly stackName: string;
  readonly logicalId: string;
  readonly name: string;
  readonly id: string;
  /** `http://host:port`; each stage is served under `/<stage>/`. */
  readonly baseUrl: string;
  readonly stageUrls: readonly string[];
}

/**
 * One HTTP listener per REST API, on consecutive ports from `basePort` (0: free ports), in deployment
 * order, except that APIs only other services can call (every method IAM-authorized) come after those a
 * person can: the API someone opens in a browser or curl keeps the first port however many internal APIs
 * the app grows. IAM-authorized methods accept SigV4 signatures made with `iamCredentials`, user pool
 * authorized ones the tokens of `userPools`. Also answers which functions requests to these APIs invoke.
 */
export async function startRestApis(
  context: CloudContext,
  lambda: LambdaService,
  host: string,
  basePort: number,
  iamCredentials: readonly IamCredential[],
  userPools: UserPoolTokenVerifier,
): Promise<{ apis: LocalApi[]; functionArns: Set<string> }> {
  const { record } = context;
  const apis: LocalApi[] = [];
  const functionArns = new Set<string>();
  let nextPort = basePort;
  for (const model of inListeningOrder(buildRestApis(context.resources))) {
    context.warnings.push(...model.warnings.map((w) => `${model.stackName}/${model.logicalId}: ${w}`));
    for (const arn of functionsBehind(model)) functionArns.add(arn);
    const server = new RestApiServer(model, {
      lambda,
      region: LOCAL_REGION,
      iamCredentials,
      userPools,
      requestsInFlight: context.requests,
      ...(record
        ? {
            onAccessLog: (line: string, cache?: CacheOutcome, facts?: AccessFacts) =>
              record(requestInput(model.name, withCacheNote(line, cache), facts)),
            onExecutionLog: (line: string) => record(executionLogInput(model.name, line)),
          }
        : {}),
    });
    apis.push(
      await listenAs(context, server, model, nextPort, host, (baseUrl) =>
        [...model.stages.keys()].map((stage) => `${baseUrl}/${stage}/`),
      ),
    );
    if (nextPort !== 0) nextPort += 1;
  }
  return { apis, functionArns };
}

/** An access log line on the trace says when the stage cache answered (no function ran) or was refreshed. */
function withCacheNote(line: string, cache: CacheOutcome | undefined): string {
  if (cache === 'hit') return `${line} (cache hit)`;
  if (cache === 'refreshed') return `${line} (cache entry refreshed)`;
  return line;
}

/** The functions a request to the API may invoke: Lambda proxy integrations and Lambda authorizers. */
export function functionsBehind(model: RestApiModel): string[] {
  const methods = [...model.resources.values()].flatMap((resource) => [...resource.methods.values()]);
  return [
    ...methods.flatMap((method) =>
      method.integration.type === 'AWS_PROXY' ? [method.integration.functionArn] : [],
    ),
    ...[...model.authorizers.values()].flatMap((authorizer) =>
      authorizer.type === 'TOKEN' || authorizer.type === 'REQUEST' ? [authorizer.functionArn] : [],
    ),
  ];
}

/** Deployment order, with the APIs only services can call (every method IAM-authorized) last. */
export function inListeningOrder(models: readonly RestApiModel[]): RestApiModel[] {
  return [...models.filter((model) => !iamOnly(model)), ...models.filter(iamOnly)];
}

/** True when every method of the API requires IAM authorization (and it has at least one). */
function iamOnly(model: RestApiModel): boolean {
  const methods = [...model.resources.values()].flatMap((resource) => [...resource.methods.values()]);
  return methods.length > 0 && methods.every((method) => method.authorizationType === 'AWS_IAM');
}

/** An API's listener started on `port` (0: a free one), stopped with the cloud, described for its users. */
export async function listenAs(
  context: CloudContext,
  server: { listen(port: number, host: string): Promise<string>; close(): Promise<void> },
  api: { readonly stackName: string; readonly logicalId: string; readonly name: string; readonly id: string },
  port: number,
  host: string,
  stageUrls: (baseUrl: string) => string[],
): Promise<LocalApi> {
  const baseUrl = await server.listen(port, host);
  context.stoppers.add(() => server.close());
  const { stackName, logicalId, name, id } = api;
  return { stackName, logicalId, name, id, baseUrl, stageUrls: stageUrls(baseUrl) };
}
