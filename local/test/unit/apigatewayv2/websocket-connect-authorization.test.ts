import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { IamAuthorization } from '../../../apigateway/iam-authorization';
import type { Authorization, LambdaAuthorizerModel } from '../../../apigatewayv2/http-api-model';
import { ConnectAuthorization, type Upgrade } from '../../../apigatewayv2/websocket-connect-authorization';
import type { ConnectionContext } from '../../../apigatewayv2/websocket-events';
import type { InvokeResult, LambdaService } from '../../../lambda/types';

/** `$connect` authorization: a REQUEST Lambda authorizer's answers and refusals, and SigV4 with IAM policies. */
const ARN = 'arn:aws:execute-api:us-east-1:000000000000:abc1234567/dev/$connect';
const connection: ConnectionContext = {
  apiId: 'abc1234567',
  stage: 'dev',
  connectionId: 'L0SM9cOFvHcCIhw=',
  connectedAt: Date.now(),
  domainName: '127.0.0.1:45678',
  sourceIp: '127.0.0.1',
  userAgent: 'test',
  stageVariables: { tier: 'beta' },
};
const upgrade = (rawQuery: string, headers: Array<readonly [string, string]> = []): Upgrade => ({
  method: 'GET',
  rawPath: '/dev',
  rawQuery,
  headers: [['Host', '127.0.0.1:4570'], ...headers],
});
const authorizer = (identitySource: string[], ttlSeconds = 0): Authorization => ({
  type: 'CUSTOM',
  authorizer: {
    kind: 'REQUEST',
    id: 'auth1',
    name: 'Auth',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:auth',
    payloadFormatVersion: '2.0',
    simpleResponses: false,
    identitySource,
    ttlSeconds,
  } satisfies LambdaAuthorizerModel,
});
const policy = (effect: 'Allow' | 'Deny', resource = ARN) => ({
  principalId: 'alice',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context: { user: 'alice', tier: 3, admin: false },
});

/** A Lambda service whose authorizer answers `answer`, counting and keeping its events. */
function lambdaAnswering(answer: InvokeResult) {
  const events: unknown[] = [];
  const lambda: LambdaService = {
    invoke: async (_arn, event) => {
      events.push(event);
      return answer;
    },
    invokeAsync: async () => undefined,
  };
  return { lambda, events };
}
const ok = (payload: unknown): InvokeResult => ({ ok: true, payload, durationMs: 1 });
const failed = (errorMessage: string): InvokeResult => ({
  ok: false,
  functionError: 'Unhandled',
  payload: { errorType: 'Error', errorMessage, trace: [] },
  durationMs: 1,
});
const noIam = new IamAuthorization([], 'us-east-1', Date.now);

describe('a REQUEST Lambda authorizer on $connect', () => {
  it('refuses 401 without calling the function when an identity source is missing or empty', async () => {
    const { lambda, events } = lambdaAnswering(ok(policy('Allow')));
    const auth = new ConnectAuthorization(lambda, noIam, '000000000000');
    const sources = ['route.request.querystring.token', 'route.request.header.X-Team'];
    for (const request of [upgrade(''), upgrade('token=t'), upgrade('token=', [['x-team', 'a']])])
      expect(await auth.decide(authorizer(sources), request, connection, ARN)).toEqual({
        allow: false,
        status: 401,
        message: 'Unauthorized',
      });
    expect(events).toHaveLength(0);
  });

  it('allows on an Allow for the $connect ARN; its context, stringified, with principalId, is the connection`s', async () => {
    const { lambda, events } = lambdaAnswering(ok(policy('Allow')));
    const auth = new ConnectAuthorization(lambda, noIam, '000000000000');
    const decision = await auth.decide(
      authorizer(['route.request.querystring.token', 'route.request.header.x-team', 'stageVariables.tier']),
      upgrade('token=t', [['X-Team', 'red']]),
      connection,
      ARN,
    );
    expect(decision).toEqual({
      allow: true,
      authorizer: {
        user: 'alice',
        tier: '3',
        admin: 'false',
        principalId: 'alice',
        integrationLatency: expect.any(Number),
      },
    });
    expect(events[0]).toMatchObject({
      type: 'REQUEST',
      methodArn: ARN,
      queryStringParameters: { token: 't' },
    });
  });

  it('refuses 403 on a Deny, or a policy for another ARN', async () => {
    for (const answer of [policy('Deny'), policy('Allow', `${ARN.replace('/dev/', '/prod/')}`)]) {
      const auth = new ConnectAuthorization(lambdaAnswering(ok(answer)).lambda, noIam, '000000000000');
      expect(
        await auth.decide(
          authorizer(['route.request.querystring.token']),
          upgrade('token=t'),
          connection,
          ARN,
        ),
      ).toMatchObject({
        allow: false,
        status: 403,
      });
    }
  });

  it('refuses 403 on an Allow AWS would have refused (an unknown condition operator), and says why', async () => {
    const typo = policy('Allow');
    const statement = {
      ...typo.policyDocument.Statement[0],
      Sid: 'Typo',
      Condition: { IpAdress: { 'aws:SourceIp': '127.0.0.1/32' } },
    };
    const problems: string[] = [];
    const auth = new ConnectAuthorization(
      lambdaAnswering(ok({ ...typo, policyDocument: { ...typo.policyDocument, Statement: [statement] } }))
        .lambda,
      noIam,
      '000000000000',
      Date.now,
      (problem) => problems.push(problem),
    );
    expect(
      await auth.decide(authorizer(['route.request.querystring.token']), upgrade('token=t'), connection, ARN),
    ).toMatchObject({ allow: false, status: 403 });
    expect(problems).toEqual([expect.stringMatching(/'Typo'.*unknown condition operator 'IpAdress'/)]);
  });

  it('refuses 401 when the function fails with Unauthorized, 500 when it fails otherwise or answers nonsense', async () => {
    const decide = (answer: InvokeResult) =>
      new ConnectAuthorization(lambdaAnswering(answer).lambda, noIam, '000000000000').decide(
        authorizer(['route.request.querystring.token']),
        upgrade('token=t'),
        connection,
        ARN,
      );
    expect(await decide(failed('Unauthorized'))).toMatchObject({ status: 401 });
    expect(await decide(failed('database down'))).toMatchObject({ status: 500 });
    expect(await decide(ok({ policyDocument: policy('Allow').policyDocument }))).toMatchObject({
      status: 500,
    });
    expect(await decide(ok({ ...policy('Allow'), context: { nested: { no: 1 } } }))).toMatchObject({
      status: 500,
    });
  });

  it('caches an answer by the identity values for the TTL, and not without one', async () => {
    const cached = lambdaAnswering(ok(policy('Allow')));
    const withTtl = new ConnectAuthorization(cached.lambda, noIam, '000000000000');
    const source = ['route.request.querystring.token'];
    for (const token of ['a', 'a', 'b'])
      await withTtl.decide(authorizer(source, 300), upgrade(`token=${token}`), connection, ARN);
    expect(cached.events).toHaveLength(2);
    const uncached = lambdaAnswering(ok(policy('Allow')));
    const noTtl = new ConnectAuthorization(uncached.lambda, noIam, '000000000000');
    for (const token of ['a', 'a'])
      await noTtl.decide(authorizer(source), upgrade(`token=${token}`), connection, ARN);
    expect(uncached.events).toHaveLength(2);
  });
});

describe('AWS_IAM on $connect', () => {
  const key = { accessKeyId: 'AKIDLOCALWS', secretAccessKey: 'secret-of-the-test' };
  const iam = new IamAuthorization([key], 'us-east-1', Date.now);
  const auth = new ConnectAuthorization(lambdaAnswering(ok(null)).lambda, iam, '000000000000');

  async function signedHeaders(credentials: typeof key): Promise<Array<readonly [string, string]>> {
    const signer = new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      credentials,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4570,
      path: '/dev',
      query: {},
      headers: { host: '127.0.0.1:4570' },
    });
    return Object.entries(signed.headers).filter(([name]) => name !== 'host');
  }

  it('lets a signer with a known key in, naming it in requestContext.identity', async () => {
    const decision = await auth.decide(
      { type: 'AWS_IAM' },
      upgrade('', await signedHeaders(key)),
      connection,
      ARN,
    );
    expect(decision).toEqual({
      allow: true,
      iamIdentity: expect.objectContaining({ accessKey: 'AKIDLOCALWS', accountId: '000000000000' }),
    });
  });

  it('refuses 403 unsigned or signed with a key it does not know', async () => {
    expect(await auth.decide({ type: 'AWS_IAM' }, upgrade(''), connection, ARN)).toMatchObject({
      status: 403,
    });
    const stranger = await signedHeaders({ accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' });
    expect(await auth.decide({ type: 'AWS_IAM' }, upgrade('', stranger), connection, ARN)).toMatchObject({
      status: 403,
    });
  });
});
