import { evaluatePolicyDocument, type PolicyRequest } from '../../../iam/policy-evaluation';
import type { CallerPrincipal } from '../../../iam/policy-matching';

/**
 * One policy's decision (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * Action / NotAction, Resource / NotResource, Principal / NotPrincipal, Condition, explicit Deny first.
 */
const API = 'arn:aws:execute-api:us-east-1:000000000000:api0001';
const METHOD = `${API}/prod/GET/orders/o-1`;
const SESSION = 'arn:aws:sts::000000000000:assumed-role/PlaceOrderRole/place-order';
const ROLE = 'arn:aws:iam::000000000000:role/PlaceOrderRole';
const CALLER: CallerPrincipal = { arn: SESSION, roleArn: ROLE, accountId: '000000000000' };
const REQUEST: PolicyRequest = {
  action: 'execute-api:Invoke',
  resource: METHOD,
  context: new Map([['aws:sourceip', '192.0.2.10']]),
  principal: CALLER,
};

const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const decide = (
  statement: Record<string, unknown>,
  request = REQUEST,
  kind: 'identity' | 'resource' = 'identity',
) => evaluatePolicyDocument(policy(statement), request, kind).decision;

describe('Action and NotAction', () => {
  it.each([
    [{ Action: 'execute-api:Invoke' }, 'ALLOW'],
    [{ Action: 'EXECUTE-API:invoke' }, 'ALLOW'],
    [{ Action: 'execute-api:*' }, 'ALLOW'],
    [{ Action: 'execute-api:In?oke' }, 'ALLOW'],
    [{ Action: ['s3:GetObject', 'execute-api:Invoke'] }, 'ALLOW'],
    [{ Action: 'execute-api:InvalidateCache' }, 'NO_MATCH'],
    [{ NotAction: 'execute-api:InvalidateCache' }, 'ALLOW'],
    [{ NotAction: 'execute-api:*' }, 'NO_MATCH'],
    [{ NotAction: 'Execute-Api:INVOKE' }, 'NO_MATCH'],
    [{ NotAction: ['s3:*', 'sqs:*'] }, 'ALLOW'],
  ])('%j: %s', (element, expected) => {
    expect(decide({ Effect: 'Allow', Resource: '*', ...element })).toBe(expected);
  });
});

describe('Resource and NotResource', () => {
  it.each([
    [{ Resource: METHOD }, 'ALLOW'],
    [{ Resource: `${API}/*` }, 'ALLOW'],
    [{ Resource: `${API}/prod/GET/orders/*` }, 'ALLOW'],
    [{ Resource: `${API}/prod/???/orders/o-1` }, 'ALLOW'],
    // ARNs are case-sensitive.
    [{ Resource: `${API}/prod/get/orders/o-1` }, 'NO_MATCH'],
    [{ Resource: `${API}/prod/POST/*` }, 'NO_MATCH'],
    [{ NotResource: `${API}/prod/POST/*` }, 'ALLOW'],
    [{ NotResource: `${API}/prod/*` }, 'NO_MATCH'],
    [{ NotResource: `${API}/prod/get/orders/o-1` }, 'ALLOW'],
    [{ NotResource: [`${API}/test/*`, `${API}/prod/GET/orders/*`] }, 'NO_MATCH'],
  ])('%j: %s', (element, expected) => {
    expect(decide({ Effect: 'Allow', Action: 'execute-api:Invoke', ...element })).toBe(expected);
  });

  it('NotResource with Deny denies everything outside the list, and only that', () => {
    const document = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', NotResource: `${API}/prod/GET/*` },
    );
    expect(evaluatePolicyDocument(document, REQUEST).decision).toBe('ALLOW');
    expect(
      evaluatePolicyDocument(document, { ...REQUEST, resource: `${API}/prod/POST/orders` }).decision,
    ).toBe('DENY');
  });
});

describe('Principal and NotPrincipal (resource policies)', () => {
  const anonymous: PolicyRequest = { ...REQUEST, principal: undefined };
  const statement = (element: Record<string, unknown>, Effect = 'Allow') => ({
    Effect,
    Action: 'execute-api:Invoke',
    Resource: `${API}/*`,
    ...element,
  });

  it.each([
    [{ Principal: '*' }, 'ALLOW', 'ALLOW'],
    [{ Principal: { AWS: '*' } }, 'ALLOW', 'ALLOW'],
    [{ Principal: { AWS: '000000000000' } }, 'ALLOW', 'NO_MATCH'],
    [{ Principal: { AWS: 'arn:aws:iam::000000000000:root' } }, 'ALLOW', 'NO_MATCH'],
    [{ Principal: { AWS: ROLE } }, 'ALLOW', 'NO_MATCH'],
    [{ Principal: { AWS: [SESSION] } }, 'ALLOW', 'NO_MATCH'],
    [{ Principal: { AWS: 'arn:aws:iam::000000000000:role/OtherRole' } }, 'NO_MATCH', 'NO_MATCH'],
    [{ Principal: { AWS: '111111111111' } }, 'NO_MATCH', 'NO_MATCH'],
    // Principal takes no wildcard but "*" itself.
    [{ Principal: { AWS: 'arn:aws:iam::000000000000:role/*' } }, 'NO_MATCH', 'NO_MATCH'],
    [{ Principal: { Service: 'lambda.amazonaws.com' } }, 'NO_MATCH', 'NO_MATCH'],
  ])('%j: the role session %s, an anonymous caller %s', (element, forSession, forAnonymous) => {
    expect(decide(statement(element), REQUEST, 'resource')).toBe(forSession);
    expect(decide(statement(element), anonymous, 'resource')).toBe(forAnonymous);
  });

  it.each([
    // Listing only the session leaves the role and the account: the Deny still applies (AWS's warning).
    [[SESSION], 'DENY'],
    [[SESSION, ROLE], 'DENY'],
    [[SESSION, ROLE, '000000000000'], 'NO_MATCH'],
    [[SESSION, ROLE, 'arn:aws:iam::000000000000:root'], 'NO_MATCH'],
    [['arn:aws:iam::000000000000:role/OtherRole'], 'DENY'],
  ])('Deny with NotPrincipal %j: %s for the role session', (excluded, expected) => {
    expect(decide(statement({ NotPrincipal: { AWS: excluded } }, 'Deny'), REQUEST, 'resource')).toBe(
      expected,
    );
  });

  it('Deny with NotPrincipal applies to an anonymous caller', () => {
    const deny = statement({ NotPrincipal: { AWS: [SESSION, ROLE, '000000000000'] } }, 'Deny');
    expect(decide(deny, anonymous, 'resource')).toBe('DENY');
  });

  it('a resource policy statement without a principal, or NotPrincipal with Allow, matches nothing and says why', () => {
    expect(evaluatePolicyDocument(policy(statement({})), REQUEST, 'resource')).toEqual({
      decision: 'NO_MATCH',
      problems: ['policy statement #1 matches nothing: it has neither Principal nor NotPrincipal'],
    });
    expect(
      evaluatePolicyDocument(
        policy(statement({ Sid: 'Open', NotPrincipal: { AWS: ROLE } })),
        REQUEST,
        'resource',
      ).problems,
    ).toEqual(['policy statement \'Open\' matches nothing: it has NotPrincipal with "Effect": "Allow"']);
  });

  it('an identity policy statement naming a principal matches nothing', () => {
    expect(evaluatePolicyDocument(policy(statement({ Principal: '*' })), REQUEST).problems).toEqual([
      'policy statement #1 matches nothing: an identity policy statement cannot name a Principal',
    ]);
  });
});

describe('Condition within a statement', () => {
  const allowFrom = (cidr: string) => ({
    Effect: 'Allow',
    Action: 'execute-api:Invoke',
    Resource: '*',
    Condition: { IpAddress: { 'aws:SourceIp': cidr } },
  });

  it('limits an Allow to the requests it holds for', () => {
    expect(decide(allowFrom('192.0.2.0/24'))).toBe('ALLOW');
    expect(decide(allowFrom('198.51.100.0/24'))).toBe('NO_MATCH');
  });

  it('limits a Deny likewise', () => {
    const document = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { ...allowFrom('198.51.100.0/24'), Effect: 'Deny' },
    );
    expect(evaluatePolicyDocument(document, REQUEST).decision).toBe('ALLOW');
    const fromThere = { ...REQUEST, context: new Map([['aws:sourceip', '198.51.100.7']]) };
    expect(evaluatePolicyDocument(document, fromThere).decision).toBe('DENY');
  });

  it('with no context, sees every key missing', () => {
    expect(decide(allowFrom('0.0.0.0/0'), { action: 'execute-api:Invoke', resource: METHOD })).toBe(
      'NO_MATCH',
    );
  });

  it('an unknown operator makes its statement match nothing, Allow or Deny, and says so', () => {
    const document = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Sid: 'Typo',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { IpAdress: { 'aws:SourceIp': '0.0.0.0/0' } },
      },
    );
    expect(evaluatePolicyDocument(document, REQUEST)).toEqual({
      decision: 'ALLOW',
      problems: ["policy statement 'Typo' matches nothing: unknown condition operator 'IpAdress'"],
    });
  });
});

describe('the decision', () => {
  it('is an explicit Deny over any Allow, and the implicit deny when nothing applies', () => {
    const allow = { Effect: 'Allow', Action: '*', Resource: '*' };
    expect(evaluatePolicyDocument(policy(allow, { ...allow, Effect: 'Deny' }), REQUEST).decision).toBe(
      'DENY',
    );
    expect(evaluatePolicyDocument(policy({ ...allow, Resource: `${API}/test/*` }), REQUEST).decision).toBe(
      'NO_MATCH',
    );
    expect(evaluatePolicyDocument(undefined, REQUEST).decision).toBe('NO_MATCH');
  });

  it.each([
    [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }, 'it has both Action and NotAction'],
    [{ Effect: 'Allow', Resource: '*' }, 'it has neither Action nor NotAction'],
    [
      { Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' },
      'it has both Resource and NotResource',
    ],
    [{ Effect: 'Permit', Action: '*', Resource: '*' }, 'its Effect is "Permit"'],
  ])('a malformed statement %j matches nothing: %s', (statement, problem) => {
    expect(evaluatePolicyDocument(policy(statement), REQUEST)).toEqual({
      decision: 'NO_MATCH',
      problems: [`policy statement #1 matches nothing: ${problem}`],
    });
  });
});
