import { apiCallContext } from '../../../apigateway/policy-context';
import {
  ApiBuilder,
  echo,
  eventOf,
  fakeLambda,
  functionArn,
  invocationUri,
  Servers,
} from '../../helpers/apigateway-fixtures';
import { sigV4Fetch } from '../../helpers/sigv4-fetch';

/**
 * A REST API's resource policy through the local server, weighed as API Gateway documents it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html), with
 * its Condition blocks seeing the request's keys. The test client calls from 127.0.0.1.
 */
const REGION = 'us-east-1';
const ARN = 'arn:aws:execute-api:us-east-1:000000000000:api0001';
const ROLE = 'arn:aws:iam::000000000000:role/PlaceOrderRole';
const SESSION = 'arn:aws:sts::000000000000:assumed-role/PlaceOrderRole/place-order';
const KEY = { accessKeyId: 'ASIAPLACEORDER00001', secretAccessKey: 'role-secret' };

const servers = new Servers();
afterEach(() => servers.closeAll());

const statement = (
  Effect: string,
  condition?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  Effect,
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  ...(condition ? { Condition: condition } : {}),
  ...extra,
});
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const fromSourceIp = (operator: string, cidr: string | string[]) => ({
  [operator]: { 'aws:SourceIp': cidr },
});

async function start(resourcePolicy: unknown, identityPolicies: unknown[] = []) {
  const api = new ApiBuilder('api0001', { Policy: resourcePolicy })
    .add('Authorizer', 'auth1', {
      Name: 'auth',
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
      AuthorizerUri: invocationUri(functionArn('authorizer')),
    })
    .proxy('/open', 'GET', 'open')
    .proxy('/internal', 'GET', 'internal', { AuthorizationType: 'AWS_IAM' })
    .proxy('/custom', 'GET', 'custom', { AuthorizationType: 'CUSTOM', AuthorizerId: 'auth1' })
    .stage('prod')
    .build();
  // The authorizer allows `allow` tokens; for others it returns a policy that allows nothing.
  const lambda = fakeLambda((event, arn) => {
    if (arn !== functionArn('authorizer')) return echo(event, arn);
    const token = (event as { authorizationToken?: string }).authorizationToken;
    const Effect = token === 'allow' ? 'Allow' : 'Deny';
    return {
      principalId: 'user-1',
      policyDocument: policy({ Effect, Action: 'execute-api:Invoke', Resource: `${ARN}/prod/GET/other` }),
    };
  });
  const executionLog: string[] = [];
  const url = await servers.start(api, {
    lambda,
    region: REGION,
    iamCredentials: [{ ...KEY, principal: { arn: SESSION, roleArn: ROLE, policies: identityPolicies } }],
    onExecutionLog: (line) => executionLog.push(line),
  });
  const authorizerCalls = () => lambda.calls.filter((call) => call.arn === functionArn('authorizer')).length;
  return {
    stage: `${url}/prod/`,
    lambda,
    executionLog,
    authorizerCalls,
    signed: sigV4Fetch({ region: REGION, credentials: KEY }),
  };
}

async function problemOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { message: string } };
}

describe('a resource policy conditioned on aws:SourceIp', () => {
  it('lets in callers from the allowed range and refuses the rest, before the integration', async () => {
    const inside = await start(
      policy(statement('Allow', fromSourceIp('IpAddress', ['192.0.2.0/24', '127.0.0.0/8']))),
    );
    expect((await fetch(`${inside.stage}open`)).status).toBe(200);

    const outside = await start(policy(statement('Allow', fromSourceIp('IpAddress', '192.0.2.0/24'))));
    expect(await problemOf(await fetch(`${outside.stage}open`))).toEqual({
      status: 403,
      body: {
        message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}/prod/GET/open`,
      },
    });
    expect(outside.lambda.calls).toHaveLength(0);
  });

  it('is read from its text as from its object', async () => {
    const text = JSON.stringify(policy(statement('Allow', fromSourceIp('IpAddress', '127.0.0.1'))));
    expect((await fetch(`${(await start(text)).stage}open`)).status).toBe(200);
  });

  it('denies explicitly with Deny on NotIpAddress, over an unconditional Allow', async () => {
    const { stage, lambda } = await start(
      policy(statement('Allow'), statement('Deny', fromSourceIp('NotIpAddress', '192.0.2.0/24'))),
    );
    expect(await problemOf(await fetch(`${stage}open`))).toEqual({
      status: 403,
      body: {
        message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}/prod/GET/open with an explicit deny`,
      },
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it('lets through when the Deny names a range the caller is outside, IPv6 included', async () => {
    const { stage } = await start(
      policy(
        statement('Allow'),
        statement('Deny', fromSourceIp('IpAddress', ['192.0.2.0/24', '2001:db8::/32'])),
      ),
    );
    expect((await fetch(`${stage}open`)).status).toBe(200);
  });
});

describe('a resource policy with IAM authorization (caller and API in one account)', () => {
  const allowRole = statement('Allow', undefined, { Principal: { AWS: ROLE } });

  it('lets a role in on the resource policy alone, with the signer in the event', async () => {
    const { stage, signed, lambda } = await start(policy(allowRole));
    expect((await signed(`${stage}internal`)).status).toBe(200);
    expect(eventOf(lambda).requestContext.identity).toMatchObject({ userArn: SESSION });
  });

  it('lets a role in on its identity policy alone, and refuses when neither allows', async () => {
    const identity = policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${ARN}/*` });
    const other = statement('Allow', undefined, {
      Principal: { AWS: 'arn:aws:iam::000000000000:role/Other' },
    });
    const both = await start(policy(other), [identity]);
    expect((await both.signed(`${both.stage}internal`)).status).toBe(200);
    const neither = await start(policy(other));
    expect((await neither.signed(`${neither.stage}internal`)).status).toBe(403);
  });

  it("refuses on the resource policy's explicit Deny whatever the identity policy allows", async () => {
    const identity = policy({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${ARN}/*` });
    const denyRole = statement('Deny', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Place*' } });
    const { stage, signed, lambda } = await start(policy(statement('Allow'), denyRole), [identity]);
    expect(await problemOf(await signed(`${stage}internal`))).toEqual({
      status: 403,
      body: {
        message: `User: ${SESSION} is not authorized to perform: execute-api:Invoke on resource: ${ARN}/prod/GET/internal with an explicit deny`,
      },
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it("evaluates the identity policy's Condition on the caller's address", async () => {
    const from = (cidr: string) =>
      policy({
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: `${ARN}/*`,
        Condition: { IpAddress: { 'aws:SourceIp': cidr } },
      });
    const noResourceGrant = policy(statement('Allow', undefined, { Principal: { AWS: '111111111111' } }));
    const near = await start(noResourceGrant, [from('127.0.0.1/32')]);
    expect((await near.signed(`${near.stage}internal`)).status).toBe(200);
    const far = await start(noResourceGrant, [from('10.0.0.0/8')]);
    expect((await far.signed(`${far.stage}internal`)).status).toBe(403);
  });
});

describe('a resource policy with a Lambda authorizer', () => {
  it('refuses on an explicit Deny before the authorizer is called', async () => {
    const { stage, authorizerCalls } = await start(
      policy(statement('Allow'), statement('Deny', fromSourceIp('IpAddress', '127.0.0.0/8'))),
    );
    const response = await fetch(`${stage}custom`, { headers: { Authorization: 'allow' } });
    expect(response.status).toBe(403);
    expect(authorizerCalls()).toBe(0);
  });

  it("lets a call in on the resource policy's Allow when the authorizer's policy neither allows nor denies", async () => {
    const { stage, authorizerCalls } = await start(policy(statement('Allow')));
    // The authorizer's policy names another method: neither Allow nor Deny for this one (table A: Allow).
    expect((await fetch(`${stage}custom`, { headers: { Authorization: 'allow' } })).status).toBe(200);
    expect(authorizerCalls()).toBe(1);
  });
});

describe('what the execution log says', () => {
  it('names a resource policy statement AWS would refuse, which matches nothing', async () => {
    const { stage, executionLog } = await start(
      policy(statement('Allow'), {
        ...statement('Deny', { IpAdress: { 'aws:SourceIp': '0.0.0.0/0' } }),
        Sid: 'Typo',
      }),
    );
    expect((await fetch(`${stage}open`)).status).toBe(200);
    expect(executionLog).toContain(
      "resource policy: policy statement 'Typo' matches nothing: unknown condition operator 'IpAdress'",
    );
  });
});

describe('the condition keys of an API call', () => {
  it('carry what the local cloud knows, and nothing it would have to make up', () => {
    const headers: Record<string, string> = { 'user-agent': 'curl/8.5.0' };
    const context = apiCallContext({
      now: Date.UTC(2026, 5, 1, 12, 0, 0, 250),
      region: REGION,
      sourceIp: '127.0.0.1',
      header: (name) => headers[name],
      principal: { arn: SESSION, roleArn: ROLE, accountId: '000000000000' },
    });
    expect(Object.fromEntries(context)).toEqual({
      'aws:currenttime': '2026-06-01T12:00:00Z',
      'aws:epochtime': '1780315200',
      'aws:securetransport': 'false',
      'aws:requestedregion': REGION,
      'aws:sourceip': '127.0.0.1',
      'aws:useragent': 'curl/8.5.0',
      'aws:principalarn': ROLE,
      'aws:principalaccount': '000000000000',
      'aws:principaltype': 'AssumedRole',
    });
  });

  it('name an IAM user by its user name', () => {
    const context = apiCallContext({
      now: 0,
      region: REGION,
      principal: { arn: 'arn:aws:iam::000000000000:user/ops/alice', accountId: '000000000000' },
    });
    expect(context.get('aws:username')).toBe('alice');
    expect(context.get('aws:principaltype')).toBe('User');
    expect(context.has('aws:sourcevpce')).toBe(false);
  });
});
