import type { IamCredential } from '../apigateway/iam-authorization';
import { type ApiV2Model, buildApisV2 } from '../apigatewayv2/http-api-model';
import {
  WebSocketApiServer,
  type WebSocketLimits,
  type WebSocketTraceFacts,
} from '../apigatewayv2/websocket-api-server';
import { WebSocketConnections } from '../apigatewayv2/websocket-connections';
import { ConnectionsRoute } from '../endpoint/connections-route';
import type { EndpointServer } from '../endpoint/endpoint-server';
import type { LambdaService } from '../lambda/types';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../model/resolved-resource';
import { executionLogInput } from './api-trace';
import type { CloudContext } from './cloud-context';
import { type LocalApi, listenAs } from './start-rest-apis';

export interface WebSocketApis {
  readonly apis: LocalApi[];
  /** The functions the APIs' routes and `$connect` authorizers invoke. */
  readonly functionArns: Set<string>;
}

/**
 * One listener per WebSocket API (API Gateway v2, `ProtocolType: WEBSOCKET`), on consecutive ports from
 * `port` (0: free ports), each stage at `ws://host:port/<stage>`; their `@connections` APIs on their own
 * listeners and on the endpoint (`<endpoint>/_ws/<apiId>/<stage>`).
 */
export async function startWebSocketApis(
  context: CloudContext,
  lambda: LambdaService,
  endpoint: EndpointServer,
  host: string,
  port: number,
  iamCredentials: readonly IamCredential[],
  limits: Partial<WebSocketLimits> = {},
): Promise<WebSocketApis> {
  const connections = new WebSocketConnections();
  const apis: LocalApi[] = [];
  const functionArns = new Set<string>();
  const stages = new Map<string, string[]>();
  const { record } = context;
  let nextPort = port;
  for (const model of buildApisV2(context.resources)) {
    if (model.protocol !== 'WEBSOCKET') continue;
    const where = `${model.stackName}/${model.logicalId}`;
    context.warnings.push(
      ...[...model.warnings, ...unappliedStageSettings(model)].map((warning) => `${where}: ${warning}`),
    );
    for (const route of model.routes) {
      if (route.integration) functionArns.add(route.integration.functionArn);
      if (route.authorization.type === 'CUSTOM') functionArns.add(route.authorization.authorizer.functionArn);
    }
    const server = new WebSocketApiServer(model, {
      lambda,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      connections,
      iamCredentials,
      limits,
      requestsInFlight: context.requests,
      ...(record
        ? {
            onTrace: (line: string, facts?: WebSocketTraceFacts) =>
              record({
                kind: 'websocket',
                api: model.name,
                line: `ws       ${model.name}: ${line}`,
                ...facts,
              }),
            onPolicyProblem: (problem: string) => record(executionLogInput(model.name, problem)),
          }
        : {}),
    });
    apis.push(
      await listenAs(context, server, model, nextPort, host, () =>
        model.stages.map((stage) => server.stageUrl(stage.name)),
      ),
    );
    stages.set(
      model.id,
      model.stages.map((stage) => stage.name),
    );
    if (nextPort !== 0) nextPort += 1;
  }
  if (apis.length > 0) endpoint.addRoute(new ConnectionsRoute(connections, stages));
  return { apis, functionArns };
}

/** What a WebSocket API's stages set that its server does not apply (HTTP APIs apply both). */
function unappliedStageSettings(model: ApiV2Model): string[] {
  return model.stages.flatMap((stage) => [
    ...(stage.defaultRouteThrottle || stage.routeThrottles.size > 0
      ? [`stage ${stage.name}: throttling is not applied to WebSocket APIs`]
      : []),
    ...(stage.accessLogFormat === undefined
      ? []
      : [`stage ${stage.name}: the access log format is not used (--trace has its own line per event)`]),
  ]);
}
