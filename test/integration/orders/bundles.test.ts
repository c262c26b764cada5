import {
  ensureTables,
  type InvokeResult,
  type LocalFunctionDefinition,
  LocalLambdaService,
  lambdaFunctions,
  readCloudAssembly,
  resolveAssembly,
  resolvedTableDefinitions,
} from '@shop/local-cloud';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { apiEvent } from '../../helpers/api-gateway-event';
import { type CustomersApi, startCustomersApi } from '../../helpers/customers-api';
import {
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../../helpers/dynamodb-local';
import { SHOP_ASSEMBLY_TIMEOUT_MS, shopAssembly } from '../../helpers/shop-assembly';

/**
 * The bundles CDK builds (esbuild, minified ESM, SDK bundled with the environment-only credential
 * provider), run by the local cloud's Lambda runner in their own Node processes, with the environment
 * resolved from the template, against DynamoDB Local: what ships is what is tested.
 */
let db: DynamoDbLocal;
let lambda: LocalLambdaService;
let definitions: LocalFunctionDefinition[];
let customersApi: CustomersApi;

beforeAll(async () => {
  const assembly = readCloudAssembly(await shopAssembly());
  const { resources } = resolveAssembly(assembly.stacks);
  db = await startDynamoDbLocal();
  await ensureTables(db.client, resolvedTableDefinitions(resources));
  // Place-order's lookups go, signed with the credentials the runner gives it, to the customers
  // internal API served by the local API Gateway (IAM authorization) in front of the real handler.
  customersApi = await startCustomersApi(db.client, 'bundles');
  await customersApi.ensureCustomer(SAMPLE_ORDER.customerId);
  definitions = lambdaFunctions(assembly, resources, { AWS_ENDPOINT_URL_DYNAMODB: db.endpoint }).map(
    (definition) =>
      definition.environment.CUSTOMERS_API_URL === undefined
        ? definition
        : { ...definition, environment: { ...definition.environment, CUSTOMERS_API_URL: customersApi.url } },
  );
  lambda = new LocalLambdaService({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  for (const definition of definitions) lambda.register(definition);
}, SHOP_ASSEMBLY_TIMEOUT_MS + 60_000); // the run's bundled assembly, then DynamoDB Local
afterAll(async () => {
  await lambda?.close();
  await customersApi?.stop();
  await db?.stop();
});

/** The function a route's description names, e.g. `POST /orders`. */
function fn(route: string): LocalFunctionDefinition {
  const found = definitions.find((definition) => definition.description?.startsWith(route));
  if (!found) throw new Error(`No function for ${route}`);
  return found;
}

function proxyResult(result: InvokeResult): APIGatewayProxyResult {
  if (!result.ok) throw new Error(`${result.payload.errorType}: ${result.payload.errorMessage}`);
  return result.payload as APIGatewayProxyResult;
}

describe('the built bundles', () => {
  it('place an order (its customer looked up over signed HTTP) and read it back, with idempotent retries', async () => {
    const post = apiEvent({
      method: 'POST',
      resource: '/orders',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'bundle-key-1' },
      body: JSON.stringify(SAMPLE_ORDER),
    });
    const first = proxyResult(await lambda.invoke(fn('POST /orders').name, post));
    const retry = proxyResult(await lambda.invoke(fn('POST /orders').name, post));
    expect(first.statusCode).toBe(202);
    expect(retry.body).toBe(first.body);
    const { orderId } = JSON.parse(first.body) as { orderId: string };

    const got = proxyResult(
      await lambda.invoke(
        fn('GET /orders/{orderId}').name,
        apiEvent({ method: 'GET', resource: '/orders/{orderId}', pathParameters: { orderId } }),
      ),
    );
    expect(got.statusCode).toBe(200);
    expect(JSON.parse(got.body)).toMatchObject({ orderId, status: 'PENDING', items: SAMPLE_ORDER.items });
  });

  it('fail fast at cold start when configuration is missing', async () => {
    const place = fn('POST /orders');
    const { EVENT_STORE_TABLE_NAME: _dropped, ...environment } = place.environment;
    lambda.register({ ...place, name: 'misconfigured', arn: `${place.arn}-misconfigured`, environment });
    const result = await lambda.invoke('misconfigured', {});
    expect(result.ok).toBe(false);
    expect(result.payload).toMatchObject({
      errorType: 'ConfigError',
      errorMessage: expect.stringMatching(
        /Missing required environment variable\(s\): EVENT_STORE_TABLE_NAME/,
      ),
    });
  });
});
