import type { AccessFacts } from '../apigateway/access-log';
import type { IamCredential } from '../apigateway/iam-authorization';
import { buildApisV2 } from '../apigatewayv2/http-api-model';
import { HttpApiServer } from '../apigatewayv2/http-api-server';
import { IssuerKeys } from '../apigatewayv2/issuer-keys';
import type { LocalUserPools } from '../cognito/local-user-pools';
import type { LambdaService } from '../lambda/types';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../model/resolved-resource';
import { executionLogInput, requestInput } from './api-trace';
import type { CloudContext } from './cloud-context';
import { type LocalApi, listenAs } from './start-rest-apis';

export interface HttpApis {
  readonly apis: LocalApi[];
  /** The functions requests to these APIs invoke (integrations and Lambda authorizers). */
  readonly functionArns: Set<string>;
}

/**
 * One listener per HTTP API (API Gateway v2), on consecutive ports from `port` (0: free ports). WebSocket
 * APIs share the model and have their own servers (start-websocket-apis.ts).
 */
export async function startHttpApis(
  context: CloudContext,
  lambda: LambdaService,
  host: string,
  port: number,
  iamCredentials: readonly IamCredential[],
  userPools: LocalUserPools,
): Promise<HttpApis> {
  const localIssuers = new Set(userPools.pools.map((pool) => pool.issuer));
  // One cache of other issuers' keys for every API, as AWS keeps an issuer's keys whichever API asked.
  const issuerKeys = new IssuerKeys();
  const apis: LocalApi[] = [];
  const functionArns = new Set<string>();
  let nextPort = port;
  for (const model of buildApisV2(context.resources)) {
    if (model.protocol === 'WEBSOCKET') continue;
    const where = `${model.stackName}/${model.logicalId}`;
    context.warnings.push(...model.warnings.map((warning) => `${where}: ${warning}`));
    const foreignIssuers = new Set<string>();
    for (const route of model.routes) {
      if (route.integration) functionArns.add(route.integration.functionArn);
      if (route.authorization.type === 'CUSTOM') functionArns.add(route.authorization.authorizer.functionArn);
      if (route.authorization.type === 'JWT' && !localIssuers.has(route.authorization.authorizer.issuer))
        foreignIssuers.add(route.authorization.authorizer.issuer);
    }
    // The one place the local cloud reaches outside for a request: said once, at start.
    for (const issuer of foreignIssuers)
      context.warnings.push(
        `${where}: JWT authorizer issuer ${issuer} is not a local user pool: its keys are fetched from its JWKS (${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration) when a request needs them; out of reach, its tokens are 401`,
      );
    const { record } = context;
    const server = new HttpApiServer(model, {
      lambda,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      userPools,
      issuerKeys,
      iamCredentials,
      requestsInFlight: context.requests,
      ...(record
        ? {
            onAccessLog: (line: string, facts?: AccessFacts) => record(requestInput(model.name, line, facts)),
            onPolicyProblem: (problem: string) => record(executionLogInput(model.name, problem)),
          }
        : {}),
    });
    apis.push(
      await listenAs(context, server, model, nextPort, host, () =>
        model.stages.map((stage) => server.stageUrl(stage.name)),
      ),
    );
    if (nextPort !== 0) nextPort += 1;
  }
  return { apis, functionArns };
}
