import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';
import { invokeOnEndpoint } from './invoke-function';

/**
 * The local cloud running a small CDK app built for it (this package's test/fixtures/local-cloud-app):
 * every feature is exercised through a real synthesized template, real bundles and real HTTP.
 */
let workDir: string;
let cloud: LocalCloud;
let api: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-fixture-'));
  const assemblyDir = path.join(workDir, 'cdk.out');
  buildFixtureApp(assemblyDir).synth();
  cloud = await LocalCloud.start({ assemblyDir, apiBasePort: 0, endpointPort: 0 });
  const url = Object.values(cloud.outputs.LocalCloudFixture ?? {}).find((value) => value.includes('/test/'));
  if (url === undefined) throw new Error(`No API URL in ${JSON.stringify(cloud.outputs)}`);
  api = url;
});
afterAll(async () => {
  await cloud?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the local cloud running the fixture app', () => {
  it('routes a greedy {proxy+} path on ANY method to the function, with resolved environment', async () => {
    const response = await fetch(`${api}proxy/a/b/c`, { method: 'PATCH', body: 'x' });
    expect(response.status).toBe(200);
    const seen = (await response.json()) as Record<string, unknown>;
    expect(seen).toMatchObject({
      method: 'PATCH',
      path: '/proxy/a/b/c',
      pathParameters: { proxy: 'a/b/c' },
      body: 'x',
    });
    expect(seen.table).toMatch(/^LocalCloudFixture-Items/);
  });

  it("points the functions' DynamoDB clients at DynamoDB Local itself, past the endpoint", async () => {
    const seen = (await (await fetch(`${api}proxy/endpoint`)).json()) as { dynamoDbEndpoint: string | null };

    expect(seen.dynamoDbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(seen.dynamoDbEndpoint).not.toBe(cloud.endpoint);
  });

  it('answers CORS preflight from the MOCK integration CDK generates', async () => {
    const response = await fetch(`${api}proxy/x`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('runs the TOKEN authorizer: allow passes its context on, deny is 403, no token is 401', async () => {
    const allowed = await fetch(`${api}secured`, { headers: { Authorization: 'Bearer allow' } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { authorizer: Record<string, unknown> }).authorizer).toMatchObject({
      principalId: 'fixture-user',
      tier: 'gold',
    });
    expect((await fetch(`${api}secured`, { headers: { Authorization: 'Bearer deny' } })).status).toBe(403);
    expect((await fetch(`${api}secured`)).status).toBe(401);
  });

  it('issues client-credentials tokens at the pool domain and checks them with the user pool authorizer', async () => {
    const out = cloud.outputs.LocalCloudFixture ?? {};
    expect(out.TokenUrl).toBe(`${cloud.endpoint}/cognito/local-cloud-fixture/oauth2/token`);
    const basic = `Basic ${Buffer.from(`${out.MachineClientId}:${out.MachineClientSecret}`).toString('base64')}`;
    const tokenFor = async (scope?: string) => {
      const response = await fetch(String(out.TokenUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic },
        body: `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const orders = (authorization?: string) =>
      fetch(`${api}orders`, authorization ? { headers: { Authorization: authorization } } : {});

    const allowed = await orders(`Bearer ${await tokenFor('shop/orders.read')}`);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { authorizer: unknown }).authorizer).toEqual({
      claims: expect.objectContaining({
        client_id: out.MachineClientId,
        scope: 'shop/orders.read',
        token_use: 'access',
        iss: `https://cognito-idp.us-east-1.amazonaws.com/${out.UserPoolId}`,
      }),
    });

    const missing = await orders();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: 'Unauthorized' });
    expect((await orders(`Bearer ${await tokenFor('shop/orders.write')}`)).status).toBe(403);
    const [header, payload = '', signature] = (await tokenFor()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = (change: Record<string, unknown>) =>
      `${header}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;
    expect((await orders(`Bearer ${forged({ scope: 'shop/orders.read shop/admin' })}`)).status).toBe(401);
    expect((await orders(`Bearer ${forged({ exp: 1 })}`)).status).toBe(401);
  });

  it('enforces the API key and the usage plan quota', async () => {
    expect((await fetch(`${api}metered`)).status).toBe(403);
    const withKey = () => fetch(`${api}metered`, { headers: { 'x-api-key': 'fixture-api-key-0123456789' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await withKey()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("gives a function with active tracing a trace id per invocation, continuing the caller's", async () => {
    const outputs = cloud.outputs.LocalCloudFixture ?? {};
    const traceIdOf = async (functionName = '') => {
      const { body } = await invokeOnEndpoint<{ body: string }>(cloud.endpoint, functionName);
      return (JSON.parse(body) as { traceId: string | null }).traceId;
    };
    const root = /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24});Parent=[0-9a-f]{16};Sampled=1$/;
    const [first, second] = [await traceIdOf(outputs.TracedName), await traceIdOf(outputs.TracedName)];
    expect(first).toMatch(root);
    expect(second).toMatch(root);
    expect(root.exec(first ?? '')?.[1]).not.toBe(root.exec(second ?? '')?.[1]);
    expect(await traceIdOf(outputs.UntracedName)).toBeNull();

    // Through API Gateway, the client's trace header keeps its root down to the function.
    const clientRoot = '1-65f1a2b3-00000000000000000000abcd';
    const response = await fetch(`${api}traced`, { headers: { 'X-Amzn-Trace-Id': `Root=${clientRoot}` } });
    const { traceId } = (await response.json()) as { traceId: string };
    expect(traceId).toMatch(new RegExp(`^Root=${clientRoot};Parent=[0-9a-f]{16};Sampled=1$`));
  });

  it("runs a generated secret: a function granted it reads it with the SDK and Powertools, its environment's references resolved", async () => {
    const outputs = cloud.outputs.LocalCloudFixture ?? {};
    expect(outputs.ProviderUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
    const response = await fetch(`${api}secret`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      url: outputs.ProviderUrl,
      keyLength: 40,
      keyIsAlphanumeric: true,
      powertoolsAgrees: true,
      keyReferenceResolved: true,
      webhookReferenceResolved: true,
    });

    // A person's SDK on the endpoint sees the same value, by the ARN of the outputs or the partial ARN.
    const client = new SecretsManagerClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const arn = String(outputs.AccountSecretArn);
      expect(arn).toMatch(
        /^arn:aws:secretsmanager:us-east-1:000000000000:secret:ProviderAccount[0-9A-F]{8}-[A-Za-z0-9]{12}-[a-z0-9]{6}$/,
      );
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn.slice(0, -7) }));
      expect(JSON.parse(String(SecretString))).toEqual({
        url: outputs.ProviderUrl,
        apiKey: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
      });
    } finally {
      client.destroy();
    }
  });

  it('writes no AWS address of what it does not run into the outputs, and says so once', () => {
    const outputs = cloud.outputs.LocalCloudFixture ?? {};
    expect(outputs).toMatchObject({
      WebSocketApiEndpoint: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/),
      SiteUrl: expect.stringMatching(/^not emulated: AWS::S3::Bucket Site[0-9A-F]{8}$/),
      SiteObjectUrl: expect.stringMatching(/^not emulated: AWS::S3::Bucket Site[0-9A-F]{8}$/),
      // Names and ids are data: they stay.
      WebSocketApiId: expect.stringMatching(/^[a-z0-9]{10}$/),
      SiteBucketName: expect.stringMatching(/^localcloudfixture-site/),
    });
    expect(Object.values(outputs).filter((value) => /amazonaws\.com|\.aws\b/.test(value))).toEqual([]);
    expect(cloud.warnings.filter((warning) => warning.includes('/Outputs/'))).toEqual([
      expect.stringMatching(/^LocalCloudFixture\/Outputs\/SiteUrl: the address of AWS::S3::Bucket/),
      expect.stringMatching(/^LocalCloudFixture\/Outputs\/SiteObjectUrl: the address of AWS::S3::Bucket/),
    ]);
  });

  it('lists every function it runs by the name the trace shows, with what Lambda bills it by', () => {
    const succeeds = cloud.functions.find((fn) => fn.name.startsWith('LocalCloudFixture-Succeeds'));
    // Neither MemorySize nor Timeout in its template: Lambda's defaults, 128 MB and 3 s.
    expect(succeeds).toEqual({
      name: expect.any(String),
      arn: `arn:aws:lambda:us-east-1:000000000000:function:${succeeds?.name}`,
      memorySizeMb: 128,
      timeoutSeconds: 3,
    });
    expect(new Set(cloud.functions.map((fn) => fn.name)).size).toBe(cloud.functions.length);
  });

  it("answers Lambda's ListFunctions with the same functions, a page at a time", async () => {
    const lambda = new LambdaClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const listed: { FunctionName?: string; MemorySize?: number }[] = [];
      let Marker: string | undefined;
      do {
        const page = await lambda.send(
          new ListFunctionsCommand({ MaxItems: 2, ...(Marker ? { Marker } : {}) }),
        );
        expect(page.Functions?.length).toBeLessThanOrEqual(2);
        listed.push(...(page.Functions ?? []));
        Marker = page.NextMarker;
      } while (Marker);
      expect(listed.map((fn) => fn.FunctionName)).toEqual(cloud.functions.map((fn) => fn.name));
      expect(listed.map((fn) => fn.MemorySize)).toEqual(cloud.functions.map((fn) => fn.memorySizeMb));
    } finally {
      lambda.destroy();
    }
  });

  it("notes once at start that the table's throughput limit is not enforced", () => {
    expect(cloud.warnings.filter((warning) => warning.startsWith('DynamoDB capacity'))).toEqual([
      expect.stringMatching(
        /^DynamoDB capacity modes and throttling are not emulated \(LocalCloudFixture\/Items[0-9A-F]{8}\): /,
      ),
    ]);
  });

  it('reports nothing it cannot run for this app but what it says it does not emulate', () => {
    // Every warning, if any, is one of the documented kinds; none is about something it failed to run.
    expect(cloud.warnings.filter((warning) => !/not emulated|X-Ray|no traces/i.test(warning))).toEqual([]);
  });
});
