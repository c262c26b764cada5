import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent } from '../../helpers/api-gateway-event';
import {
  createTables,
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../../helpers/dynamodb-local';
import { invokeBundle } from '../../helpers/invoke-bundle';
import { synthShop } from '../../helpers/synth';

/**
 * The bundles CDK builds (esbuild, minified ESM, SDK bundled with the environment-only credential
 * provider), run in their own Node processes against DynamoDB Local: what ships is what is tested.
 */
type FunctionResource = {
  Type: string;
  Properties: { Description?: string; Environment?: { Variables?: Record<string, unknown> } };
  Metadata?: Record<string, unknown>;
};

let outdir: string;
let db: DynamoDbLocal;
let functions: Array<{ description: string; bundle: string; env: Record<string, string> }>;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(tmpdir(), 'shop-bundles-'));
  const { app, stacks } = synthShop('local', { bundle: true, outdir });
  const template = app.synth().getStackByName(stacks.orders.stackName).template as {
    Resources: Record<string, FunctionResource>;
  };
  db = await startDynamoDbLocal();
  const tables = await createTables(db.client, template, 'bundles');
  functions = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .map((resource) => ({
      description: resource.Properties.Description ?? '',
      bundle: path.join(outdir, String(resource.Metadata?.['aws:asset:path']), 'index.mjs'),
      env: {
        ...resolveEnvironment(resource.Properties.Environment?.Variables ?? {}, tables),
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      },
    }));
});
afterAll(async () => {
  await db?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Template environment values: plain strings, or `{ Ref: <table> }` resolved to the local table name. */
function resolveEnvironment(
  variables: Record<string, unknown>,
  tables: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      const ref = (value as { Ref?: string }).Ref;
      const table = ref === undefined ? undefined : tables[ref];
      if (table === undefined) throw new Error(`Cannot resolve ${name}=${JSON.stringify(value)} locally`);
      return [name, table];
    }),
  );
}

const fn = (route: string) => {
  const found = functions.find((f) => f.description.startsWith(route));
  if (!found) throw new Error(`No function for ${route}`);
  return found;
};

describe('the built bundles', () => {
  it('place an order and read it back, with idempotent retries', async () => {
    const place = fn('POST /orders');
    const post = apiEvent({
      method: 'POST',
      resource: '/orders',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'bundle-key-1' },
      body: JSON.stringify(SAMPLE_ORDER),
    });
    const [first, retry] = await invokeBundle<APIGatewayProxyResult>(place.bundle, [post, post], place.env);
    expect(first?.statusCode).toBe(202);
    expect(retry?.body).toBe(first?.body);
    const { orderId } = JSON.parse(first?.body ?? '{}') as { orderId: string };

    const read = fn('GET /orders/{orderId}');
    const [got] = await invokeBundle<APIGatewayProxyResult>(
      read.bundle,
      [apiEvent({ method: 'GET', resource: '/orders/{orderId}', pathParameters: { orderId } })],
      read.env,
    );
    expect(got?.statusCode).toBe(200);
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({
      orderId,
      status: 'PENDING',
      items: SAMPLE_ORDER.items,
    });
  });

  it('fail fast at cold start when configuration is missing', async () => {
    const place = fn('POST /orders');
    const { EVENT_STORE_TABLE_NAME: _dropped, ...env } = place.env;
    await expect(invokeBundle(place.bundle, [], env)).rejects.toThrow(
      /Missing required environment variable\(s\): EVENT_STORE_TABLE_NAME/,
    );
  });
});
