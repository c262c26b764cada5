import { evaluatePolicy, regionOf } from '../apigateway/authorizer-policy';
import { type AuthorizerOutput, parseOutput } from '../apigateway/authorizers';
import type { IamAuthorization } from '../apigateway/iam-authorization';
import { apiCallContext } from '../apigateway/policy-context';
import type { LambdaService } from '../lambda/types';
import { TtlCache } from '../shared/ttl-cache';
import type { HttpApiRequest } from './http-api-events';
import type { Authorization, LambdaAuthorizerModel } from './http-api-model';
import { authorizeIam } from './iam-authorizer';
import { authorizerEvent, type ConnectionContext, type ConnectRequest } from './websocket-events';

/** The upgrade request as the authorizers read it. */
export interface Upgrade extends ConnectRequest {
  readonly method: string;
  /** The path as sent (`/dev`), for the SigV4 check. */
  readonly rawPath: string;
}

/** What `$connect`'s authorization decided: the connection goes on with what it adds to every event. */
export type ConnectDecision =
  | {
      readonly allow: true;
      readonly authorizer?: Readonly<Record<string, unknown>>;
      readonly iamIdentity?: Readonly<Record<string, string | null>>;
    }
  | { readonly allow: false; readonly status: 401 | 403 | 500; readonly message: string };

const refused = (status: 401 | 403 | 500): ConnectDecision => ({
  allow: false,
  status,
  message: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Internal Server Error',
});

/**
 * The authorization of a WebSocket API's `$connect` route, the only route that has one on AWS:
 *
 * - `CUSTOM`: a REQUEST Lambda authorizer, as "Control access to WebSocket APIs with AWS Lambda REQUEST
 *   authorizers" describes it. Its identity sources (`route.request.header.X`,
 *   `route.request.querystring.x`, `stageVariables.x`, `context.x`) must all be present, else `401`
 *   without calling it; it gets REST's REQUEST shape with the WebSocket `requestContext` and a
 *   `methodArn` ending in `/$connect`, and answers with a principal and a policy (REST's parser): a
 *   Deny, or no Allow for the ARN, is `403`; a failing function or an unusable answer `500`; a function
 *   that fails with `Unauthorized` `401`. Answers are cached by the identity values for the
 *   authorizer's TTL. Its `context`, with `principalId` and `integrationLatency`, becomes
 *   `requestContext.authorizer` of every event of the connection.
 * - `AWS_IAM`: the upgrade request signed with SigV4 and the signer allowed `execute-api:Invoke` on the
 *   `$connect` ARN (the REST APIs' check): else `403`.
 */
export class ConnectAuthorization {
  private readonly cache: TtlCache<AuthorizerOutput>;

  constructor(
    private readonly lambda: LambdaService,
    private readonly iam: IamAuthorization,
    private readonly accountId: string,
    private readonly now: () => number = Date.now,
    /** Policy statements that matched nothing because AWS would have refused them. */
    private readonly onPolicyProblem?: (problem: string) => void,
  ) {
    this.cache = new TtlCache(now);
  }

  async decide(
    authorization: Authorization,
    upgrade: Upgrade,
    connection: ConnectionContext,
    methodArn: string,
  ): Promise<ConnectDecision> {
    switch (authorization.type) {
      case 'CUSTOM':
        return this.lambdaAuthorizer(authorization.authorizer, upgrade, connection, methodArn);
      case 'AWS_IAM':
        return this.signed(upgrade, connection, methodArn);
      default:
        // JWT authorizers exist only for HTTP APIs.
        return { allow: true };
    }
  }

  private async lambdaAuthorizer(
    authorizer: LambdaAuthorizerModel,
    upgrade: Upgrade,
    connection: ConnectionContext,
    methodArn: string,
  ): Promise<ConnectDecision> {
    const values = authorizer.identitySource.map((source) => identityValue(source, upgrade, connection));
    if (values.some((value) => value === undefined)) return refused(401);
    const caching = authorizer.ttlSeconds > 0;
    const key = `${authorizer.id}\u0000${values.join('\u0000')}`;
    let output = caching ? this.cache.get(key) : undefined;
    let integrationLatency = 0;
    if (!output) {
      const started = this.now();
      const result = await this.lambda
        .invoke(authorizer.functionArn, authorizerEvent(connection, upgrade, methodArn, started))
        .catch(() => undefined);
      integrationLatency = this.now() - started;
      if (!result) return refused(500);
      if (!result.ok) return refused(result.payload.errorMessage === 'Unauthorized' ? 401 : 500);
      output = parseOutput(result.payload);
      if (!output) return refused(500);
      if (caching) this.cache.set(key, output, authorizer.ttlSeconds * 1000);
    }
    const context = apiCallContext({
      now: this.now(),
      region: regionOf(methodArn),
      sourceIp: connection.sourceIp,
      header: (name) => upgrade.headers.find(([header]) => header.toLowerCase() === name)?.[1],
    });
    const decision = evaluatePolicy(output.policyDocument, methodArn, 'execute-api:Invoke', {
      context,
      ...(this.onPolicyProblem ? { onProblem: this.onPolicyProblem } : {}),
    });
    if (decision !== 'ALLOW') return refused(403);
    return {
      allow: true,
      authorizer: { ...output.context, principalId: output.principalId, integrationLatency },
    };
  }

  private async signed(
    upgrade: Upgrade,
    connection: ConnectionContext,
    methodArn: string,
  ): Promise<ConnectDecision> {
    const request: HttpApiRequest = {
      method: upgrade.method,
      rawPath: upgrade.rawPath,
      rawQueryString: upgrade.rawQuery,
      headers: upgrade.headers.map(([name, value]) => [name.toLowerCase(), value] as const),
      body: Buffer.alloc(0),
      sourceIp: connection.sourceIp,
      receivedAt: new Date(connection.connectedAt),
    };
    const decision = await authorizeIam(
      this.iam,
      request,
      {
        apiId: connection.apiId,
        accountId: this.accountId,
        stage: connection.stage,
        routeKey: '$connect',
        domainName: connection.domainName,
        pathParameters: {},
        stageVariables: connection.stageVariables,
        requestId: '',
      },
      methodArn,
    );
    if (!decision.allow) return refused(403);
    const signer = decision.authorizer && 'iam' in decision.authorizer ? decision.authorizer.iam : undefined;
    return signer
      ? {
          allow: true,
          // Where REST's proxy events put an IAM caller: `requestContext.identity`.
          iamIdentity: {
            accessKey: signer.accessKey,
            accountId: signer.accountId,
            caller: signer.callerId,
            user: signer.userId,
            userArn: signer.userArn ?? null,
          },
        }
      : { allow: true };
  }
}

/** One identity source of a WebSocket authorizer; undefined when the request has none (or it is empty). */
export function identityValue(
  source: string,
  upgrade: ConnectRequest,
  connection: ConnectionContext,
): string | undefined {
  let value: string | undefined;
  const header = /^route\.request\.header\.(.+)$/i.exec(source)?.[1]?.toLowerCase();
  const param = /^route\.request\.querystring\.(.+)$/i.exec(source)?.[1];
  if (header !== undefined) {
    const values = upgrade.headers.filter(([name]) => name.toLowerCase() === header).map(([, v]) => v);
    value = values.join(',');
  } else if (param !== undefined) {
    value = new URLSearchParams(upgrade.rawQuery).getAll(param).join(',');
  } else if (source.startsWith('stageVariables.')) {
    value = connection.stageVariables[source.slice('stageVariables.'.length)];
  } else if (source.startsWith('context.')) {
    const contextValues: Record<string, string> = {
      apiId: connection.apiId,
      connectionId: connection.connectionId,
      domainName: connection.domainName,
      stage: connection.stage,
      'identity.sourceIp': connection.sourceIp,
      routeKey: '$connect',
      eventType: 'CONNECT',
    };
    value = contextValues[source.slice('context.'.length)];
  }
  return value === undefined || value.trim() === '' ? undefined : value;
}
