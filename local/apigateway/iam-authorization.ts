import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RequestContext } from '../iam/policy-conditions';
import { combineDecisions, type PolicyDecision } from '../iam/policy-evaluation';
import type { CallerPrincipal } from '../iam/policy-matching';
import { parseSigV4Authorization } from '../shared/sigv4-authorization';
import { evaluatePolicy } from './authorizer-policy';
import { GatewayError } from './gateway-error';
import type { IncomingApiRequest } from './incoming-request';
import { apiCallContext } from './policy-context';

/** An access key the local cloud hands out (to its functions), with the secret it signs with. */
export interface IamCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /**
   * Who signs with it (an assumed role's ARN) and the identity policies that role has: calls are allowed
   * only where they allow `execute-api:Invoke` on the method and none denies it. Without a principal the
   * key may call every IAM method (the key a person uses with the CLI).
   */
  readonly principal?: {
    readonly arn: string;
    /** The role the session stands for (`arn:aws:iam::<account>:role/<name>`): aws:PrincipalArn, Principal. */
    readonly roleArn?: string;
    readonly policies: readonly unknown[];
  };
}

/** Who called, once the signature checks out; API Gateway puts it in the proxy event's identity. */
export interface IamCaller {
  readonly accessKey: string;
  /** The caller's ARN (`userArn` of the identity), when the key stands for a role. */
  readonly arn?: string;
  /** The caller as a resource policy's Principal and the condition keys see it, when the key stands for a role. */
  readonly principal?: CallerPrincipal;
}

/** AWS refuses a signature made more than 5 minutes before or after it arrives. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * IAM authorization (`AuthorizationType: AWS_IAM`) as API Gateway checks it before anything reaches the
 * integration: a SigV4 `Authorization` header, signed for `execute-api` in this region, within five
 * minutes, by a known access key, over exactly the request that arrived (method, path, query, the signed
 * headers and the body). Unsigned requests get `MISSING_AUTHENTICATION_TOKEN`, wrong ones
 * `INVALID_SIGNATURE`, both 403, as in AWS. The signature is recomputed with the SDK's own signer, the one
 * the callers sign with. Then the signer's identity policies must allow `execute-api:Invoke` on the
 * method's ARN, and none deny it (`ACCESS_DENIED`, 403): a function that lacks the grant is refused here
 * as it would be in AWS. The same evaluation, for `execute-api:InvalidateCache`, decides who may invalidate
 * a stage cache entry. The policies' Condition blocks see the call's keys (`policy-context.ts`), and the
 * caller of `authorize` can weigh the identity policies' decision with a resource policy's. Not checked:
 * presigned URLs.
 */
export class IamAuthorization {
  private readonly keys: ReadonlyMap<string, IamCredential>;

  constructor(
    credentials: readonly IamCredential[],
    private readonly region: string,
    private readonly now: () => number,
    /** Always `execute-api` for API Gateway; settable so AWS's own SigV4 test vectors can be checked. */
    private readonly service = 'execute-api',
    /** The execution log: policy statements that matched nothing because AWS would have refused them. */
    private readonly onProblem: (problem: string) => void = () => undefined,
  ) {
    this.keys = new Map(credentials.map((c) => [c.accessKeyId, c]));
  }

  /**
   * The caller of a correctly signed request allowed to invoke `methodArn`; throws the GatewayError API
   * Gateway would answer with. `resourcePolicy` weighs in on the identity policies' decision (the API's
   * resource policy, caller and API in one account: either may allow, any explicit Deny refuses).
   */
  async authorize(
    request: IncomingApiRequest,
    methodArn: string,
    resourcePolicy?: (caller: IamCaller, context: RequestContext) => PolicyDecision,
  ): Promise<IamCaller> {
    const key = await this.signerOf(request);
    const principal = callerPrincipalOf(key);
    const caller: IamCaller = {
      accessKey: key.accessKeyId,
      ...(principal ? { arn: principal.arn, principal } : {}),
    };
    const context = this.contextOf(request, principal);
    // The shared key (no role) may call every IAM method; only an explicit Deny of the API's stops it.
    const identity = key.principal
      ? this.decide(key.principal.policies, 'execute-api:Invoke', methodArn, context)
      : 'ALLOW';
    const decision = combineDecisions([identity, resourcePolicy?.(caller, context) ?? 'NO_MATCH']);
    if (decision !== 'ALLOW') {
      throw new GatewayError(
        'ACCESS_DENIED',
        `User: ${principal?.arn ?? 'anonymous'} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}` +
          (decision === 'DENY' ? ' with an explicit deny' : ''),
      );
    }
    return caller;
  }

  /**
   * Whether the request is signed by a caller allowed `execute-api:InvalidateCache` on `methodArn`, as a
   * `Cache-Control: max-age=0` needs on a method whose cache requires authorization. Unsigned, badly signed
   * or unknown-key requests are not; a key without a role (the shared one) is, as it may call anything.
   */
  async mayInvalidateCache(request: IncomingApiRequest, methodArn: string): Promise<boolean> {
    let key: IamCredential;
    try {
      key = await this.signerOf(request);
    } catch (error) {
      if (error instanceof GatewayError) return false;
      throw error;
    }
    if (key.principal === undefined) return true;
    const context = this.contextOf(request, callerPrincipalOf(key));
    return this.decide(key.principal.policies, 'execute-api:InvalidateCache', methodArn, context) === 'ALLOW';
  }

  /** The condition keys of this call; the clock is the server's. */
  private contextOf(request: IncomingApiRequest, principal: CallerPrincipal | undefined): RequestContext {
    return apiCallContext({
      now: this.now(),
      region: this.region,
      sourceIp: request.sourceIp,
      header: (name) => request.header(name),
      ...(principal ? { principal } : {}),
    });
  }

  /** Identity policies allow `action` on `arn` when one of them does and none denies it. */
  private decide(
    policies: readonly unknown[],
    action: string,
    arn: string,
    context: RequestContext,
  ): PolicyDecision {
    return combineDecisions(
      policies.map((policy) => evaluatePolicy(policy, arn, action, { context, onProblem: this.onProblem })),
    );
  }

  /** The known key that signed exactly this request; throws the GatewayError API Gateway answers with. */
  private async signerOf(request: IncomingApiRequest): Promise<IamCredential> {
    const authorization = request.header('authorization');
    if (authorization === undefined) {
      throw new GatewayError('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token');
    }
    const parts = parseSigV4Authorization(authorization);
    if (!parts) throw invalid('Authorization header is not an AWS4-HMAC-SHA256 signature.');
    const { accessKey, day, region, service, signedHeaders, signature } = parts;
    const key = this.keys.get(accessKey);
    if (key === undefined) throw invalid('The security token included in the request is invalid.');
    if (service !== this.service) {
      throw invalid(`Credential should be scoped to correct service: '${this.service}'.`);
    }
    if (region !== this.region) {
      throw invalid(`Credential should be scoped to a valid region, not '${region}'.`);
    }
    const signedAt = parseAmzDate(request.header('x-amz-date'));
    if (signedAt === undefined) throw invalid('Authorization requires a valid X-Amz-Date header.');
    if (!signedAt.toISOString().replaceAll('-', '').startsWith(day)) {
      throw invalid('Credential should be scoped to the date of X-Amz-Date.');
    }
    if (Math.abs(this.now() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) throw invalid('Signature expired.');

    const names = signedHeaders.split(';');
    if (!names.includes('host')) throw invalid("'Host' must be a signed header.");
    // A signed payload hash stands for the body in the signature, so it must be the body's.
    const payloadHash = request.header('x-amz-content-sha256');
    if (
      payloadHash !== undefined &&
      payloadHash !== createHash('sha256').update(request.body).digest('hex')
    ) {
      throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    const expected = await this.signatureOf(request, names, signedAt, {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
    });
    if (!sameHex(expected, signature)) {
      throw invalid(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
    }
    return key;
  }

  private async signatureOf(
    request: IncomingApiRequest,
    signedHeaders: readonly string[],
    signedAt: Date,
    credentials: IamCredential,
  ): Promise<string> {
    // applyChecksum off: the signer must not add an x-amz-content-sha256 header the caller did not sign.
    const signer = new SignatureV4({
      service: this.service,
      region: this.region,
      credentials,
      sha256: Sha256,
      applyChecksum: false,
    });
    const headers = Object.fromEntries(
      signedHeaders.map((name) => [name, request.headerValues(name).join(',')]),
    );
    const signed = await signer.sign(
      {
        method: request.httpMethod,
        protocol: 'http:',
        hostname: (headers.host ?? '').replace(/:\d+$/, ''),
        path: request.rawPath,
        query: queryOf(request.queryList),
        headers,
        body: request.body,
      },
      { signingDate: signedAt },
    );
    const header = String(signed.headers.authorization ?? signed.headers.Authorization ?? '');
    return /Signature=([0-9a-f]{64})/.exec(header)?.[1] ?? '';
  }
}

/** The signer as policies see it: its session, its role and account (from the session's ARN). */
function callerPrincipalOf(key: IamCredential): CallerPrincipal | undefined {
  if (key.principal === undefined) return undefined;
  const accountId = /^arn:[^:]+:[^:]+::(\d{12}):/.exec(key.principal.arn)?.[1] ?? '';
  return {
    arn: key.principal.arn,
    accountId,
    ...(key.principal.roleArn ? { roleArn: key.principal.roleArn } : {}),
  };
}

function invalid(message: string): GatewayError {
  return new GatewayError('INVALID_SIGNATURE', message);
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const parts = value === undefined ? null : AMZ_DATE.exec(value);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function queryOf(list: ReadonlyArray<readonly [string, string]>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of list) {
    const existing = query[name];
    query[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
