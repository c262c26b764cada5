import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { GatewayError } from '../../../apigateway/gateway-error';
import { IamAuthorization } from '../../../apigateway/iam-authorization';
import { IncomingApiRequest } from '../../../apigateway/incoming-request';
import { ApiBuilder, echo, eventOf, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';
import { sigV4Fetch } from '../../helpers/sigv4-fetch';

/**
 * IAM authorization (AWS_IAM methods) on the local API Gateway: requests SigV4-signed by the AWS SDK's
 * signer (as a calling service signs them: `helpers/sigv4-fetch`) get through with the caller's access
 * key in the event; anything unsigned, signed with the wrong key, scope or time, or changed after signing
 * is refused with API Gateway's 403s before the function is invoked.
 */
const KEY = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';

const servers = new Servers();
afterEach(() => servers.closeAll());

async function start(now: () => number = Date.now) {
  const api = new ApiBuilder()
    .proxy('/customers/{customerId}', 'GET', 'get', { AuthorizationType: 'AWS_IAM' })
    .proxy('/customers', 'POST', 'create', { AuthorizationType: 'AWS_IAM' })
    .proxy('/open', 'GET', 'open')
    .stage('internal')
    .build();
  const lambda = fakeLambda(echo);
  const url = await servers.start(api, { lambda, now, iamCredentials: [KEY], region: REGION });
  return { stage: `${url}/internal/`, lambda };
}

const signed = (
  credentials = KEY,
  options: { region?: string; service?: string; fetch?: typeof fetch } = {},
) => sigV4Fetch({ ...options, region: options.region ?? REGION, credentials });

/** Signs as the SDK does for S3-style services: the body's hash also sent (and signed) as a header. */
function signedFetchWithPayloadHash(send: typeof fetch): typeof fetch {
  const signer = new SignatureV4({
    service: 'execute-api',
    region: REGION,
    credentials: KEY,
    sha256: Sha256,
  });
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const request = await signer.sign({
      method: init.method ?? 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host },
      body: init.body as string,
    });
    expect(request.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    return send(url, { ...init, headers: request.headers });
  };
}

async function problemOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { message: string } };
}

describe('IAM-authorized methods on the local API Gateway', () => {
  it('let a SigV4-signed request through, with the signer in the proxy event identity', async () => {
    const { stage, lambda } = await start();
    const response = await signed()(`${stage}customers/cus_1`, { headers: { 'X-Correlation-Id': 'c-1' } });
    expect(response.status).toBe(200);
    expect(eventOf(lambda).requestContext.identity).toMatchObject({
      accessKey: 'local',
      accountId: '000000000000',
    });
    expect(eventOf(lambda).pathParameters).toEqual({ customerId: 'cus_1' });
  });

  it('verify escaped paths, repeated query parameters and bodies as signed', async () => {
    const { stage, lambda } = await start();
    const path = await signed()(`${stage}customers/a%20b%2Fc?z=1&a=2&a=1&empty=`);
    expect(path.status).toBe(200);
    // Still escaped, as API Gateway passes path parameters of REST APIs.
    expect(eventOf(lambda).pathParameters).toEqual({ customerId: 'a%20b%2Fc' });
    const posted = await signed()(`${stage}customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', note: 'ünïcødé' }),
    });
    expect(posted.status).toBe(200);
  });

  it('refuse an unsigned request with 403 Missing Authentication Token, invoking nothing', async () => {
    const { stage, lambda } = await start();
    expect(await problemOf(await fetch(`${stage}customers/cus_1`))).toEqual({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it.each([
    ['an unknown access key', () => signed({ accessKeyId: 'stranger', secretAccessKey: 'x' })],
    ['a wrong secret', () => signed({ accessKeyId: 'local', secretAccessKey: 'guess' })],
    ['another region', () => signed(KEY, { region: 'eu-west-1' })],
    ['another service', () => signed(KEY, { service: 'lambda' })],
  ])('refuse a request signed with %s with 403 INVALID_SIGNATURE', async (_, client) => {
    const { stage, lambda } = await start();
    const { status } = await problemOf(await client()(`${stage}customers/cus_1`));
    expect(status).toBe(403);
    expect(lambda.calls).toHaveLength(0);
  });

  it.each([
    ['the path', (url: URL, init: RequestInit) => fetch(new URL(url.href.replace('cus_1', 'cus_2')), init)],
    ['the query', (url: URL, init: RequestInit) => fetch(new URL(`${url.href}?admin=true`), init)],
    [
      'a signed header',
      (url: URL, init: RequestInit) =>
        fetch(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), 'x-amz-date': '20990101T000000Z' },
        }),
    ],
    ['the method', (url: URL, init: RequestInit) => fetch(url, { ...init, method: 'DELETE' })],
  ])('refuse a request whose %s changed after signing', async (_, tamper) => {
    const { stage, lambda } = await start();
    const client = signed(KEY, { fetch: (url, init) => tamper(url as URL, init ?? {}) });
    expect((await client(`${stage}customers/cus_1`)).status).toBe(403);
    expect(lambda.calls).toHaveLength(0);
  });

  it('refuse a body changed after signing, whether or not its hash was sent as a signed header', async () => {
    const { stage, lambda } = await start();
    const mallory = (url: string | URL | Request, init?: RequestInit) =>
      fetch(url, { ...init, body: '{"name":"Mallory"}' });
    const send = (client: typeof fetch) =>
      client(`${stage}customers`, { method: 'POST', body: '{"name":"Ada"}' });
    expect((await send(signed(KEY, { fetch: mallory }))).status).toBe(403);
    const withHash = signedFetchWithPayloadHash(mallory);
    expect(await problemOf(await send(withHash))).toEqual({
      status: 403,
      body: { message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it('refuse a signature more than five minutes old, and accept one within', async () => {
    let skew = 4 * 60 * 1000;
    const { stage } = await start(() => Date.now() + skew);
    expect((await signed()(`${stage}customers/cus_1`)).status).toBe(200);
    skew = 6 * 60 * 1000;
    const late = await problemOf(await signed()(`${stage}customers/cus_1`));
    expect(late).toEqual({ status: 403, body: { message: 'Signature expired.' } });
  });

  it('leave methods without IAM authorization open', async () => {
    const { stage } = await start();
    expect((await fetch(`${stage}open`)).status).toBe(200);
  });
});

describe("the signer's identity policies", () => {
  const ARN = 'arn:aws:execute-api:us-east-1:000000000000:api0001/internal';
  const allow = (resource: string, effect = 'Allow') => ({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }],
  });
  const ROLE = 'arn:aws:sts::000000000000:assumed-role/PlaceOrderRole/place-order';

  async function startWith(policies: unknown[]) {
    const api = new ApiBuilder()
      .proxy('/customers/{customerId}', 'GET', 'get', { AuthorizationType: 'AWS_IAM' })
      .proxy('/customers', 'POST', 'create', { AuthorizationType: 'AWS_IAM' })
      .stage('internal')
      .build();
    const lambda = fakeLambda(echo);
    const key = { accessKeyId: 'ASIAPLACEORDER00001', secretAccessKey: 'role-secret' };
    const url = await servers.start(api, {
      lambda,
      iamCredentials: [{ ...key, principal: { arn: ROLE, policies } }],
      region: REGION,
    });
    return { stage: `${url}/internal/`, lambda, client: signed(key) };
  }

  it('admit exactly the methods they allow, naming the role in the event', async () => {
    const { stage, lambda, client } = await startWith([allow(`${ARN}/GET/customers/*`)]);
    expect((await client(`${stage}customers/cus_1`)).status).toBe(200);
    expect(eventOf(lambda).requestContext.identity).toMatchObject({ userArn: ROLE });
    const refused = await problemOf(await client(`${stage}customers`, { method: 'POST', body: '{}' }));
    expect(refused).toEqual({
      status: 403,
      body: {
        message: `User: ${ROLE} is not authorized to perform: execute-api:Invoke on resource: ${ARN}/POST/customers`,
      },
    });
    expect(lambda.calls).toHaveLength(1);
  });

  it('refuse everything when no policy allows it, and let an explicit Deny win over an Allow', async () => {
    const none = await startWith([]);
    expect((await none.client(`${none.stage}customers/cus_1`)).status).toBe(403);
    const denied = await startWith([allow(`${ARN}/*`), allow(`${ARN}/GET/customers/cus_secret`, 'Deny')]);
    expect((await denied.client(`${denied.stage}customers/cus_1`)).status).toBe(200);
    expect((await denied.client(`${denied.stage}customers/cus_secret`)).status).toBe(403);
  });
});

describe('the signature check itself', () => {
  const ANY_METHOD = 'arn:aws:execute-api:us-east-1:000000000000:api0001/internal/GET/';
  // AWS's published SigV4 test suite, case "get-vanilla": an independent answer, not our signer's.
  const vanilla = {
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    signedAt: Date.UTC(2015, 7, 30, 12, 36, 0),
    headers: [
      ['Host', 'example.amazonaws.com'],
      ['X-Amz-Date', '20150830T123600Z'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      ],
    ] as const,
  };
  const request = (headers: ReadonlyArray<readonly [string, string]>) =>
    new IncomingApiRequest('GET', '/', '', headers, Buffer.alloc(0), '127.0.0.1', 'HTTP/1.1');

  it("accepts AWS's test-suite request (get-vanilla) with the published signature", async () => {
    const iam = new IamAuthorization([vanilla.credentials], REGION, () => vanilla.signedAt, 'service');
    await expect(iam.authorize(request(vanilla.headers), ANY_METHOD)).resolves.toEqual({
      accessKey: 'AKIDEXAMPLE',
    });
  });

  it('refuses the same request with one digit of the signature changed', async () => {
    const iam = new IamAuthorization([vanilla.credentials], REGION, () => vanilla.signedAt, 'service');
    const [host, date, [name, value]] = vanilla.headers;
    const changed = value.replace(/f31$/, 'f30');
    await expect(iam.authorize(request([host, date, [name, changed]]), ANY_METHOD)).rejects.toEqual(
      expect.objectContaining({ responseType: 'INVALID_SIGNATURE' }),
    );
  });

  it('requires the host among the signed headers', async () => {
    const signer = new SignatureV4({
      service: 'execute-api',
      region: REGION,
      credentials: KEY,
      sha256: Sha256,
    });
    const signedRequest = await signer.sign(
      { method: 'GET', protocol: 'http:', hostname: 'h', path: '/', headers: {}, query: {} },
      { signingDate: new Date() },
    );
    const headers = Object.entries(signedRequest.headers) as Array<[string, string]>;
    const iam = new IamAuthorization([KEY], REGION, Date.now);
    const outcome = await iam.authorize(request(headers), ANY_METHOD).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(GatewayError);
    expect((outcome as GatewayError).errorMessage).toBe("'Host' must be a signed header.");
  });
});
