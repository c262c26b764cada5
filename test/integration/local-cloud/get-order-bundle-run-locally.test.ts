import * as path from 'node:path';
import {
  DEFAULT_LOCAL_CREDENTIALS,
  type LocalFunctionDefinition,
  LocalLambdaService,
  readCloudAssembly,
} from '@shop/local-cloud';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiEvent } from '../../helpers/api-gateway-event';
import { SHOP_ASSEMBLY_TIMEOUT_MS, shopAssembly } from '../../helpers/shop-assembly';

/**
 * The local cloud's Lambda service runs what CDK ships: the shop's esbuild bundle of GET /orders/{orderId}
 * from a real synth, in its own process, with the template's environment. A malformed id is refused before
 * any database call, so nothing but the function is needed (the endpoint it would call does not exist).
 */
interface FunctionResource {
  readonly Type: string;
  readonly Properties: {
    readonly Description?: string;
    readonly Handler: string;
    readonly Timeout: number;
    readonly MemorySize: number;
    readonly Runtime: string;
    readonly Environment: { readonly Variables: Record<string, unknown> };
  };
  readonly Metadata: Record<string, unknown>;
}

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
let service: LocalLambdaService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});
let getOrder: LocalFunctionDefinition;

beforeAll(async () => {
  const assemblyDir = await shopAssembly();
  const orders = readCloudAssembly(assemblyDir).stacks.find(
    (stack) => stack.stackName === 'Shop-Local-Orders',
  );
  if (!orders) throw new Error('No Shop-Local-Orders stack in the assembly');
  const template = orders.template as { Resources: Record<string, FunctionResource> };
  const resource = Object.values(template.Resources).find(
    (candidate) =>
      candidate.Type === 'AWS::Lambda::Function' &&
      candidate.Properties.Description?.startsWith('GET /orders/{orderId}'),
  );
  if (!resource) throw new Error('No GET /orders/{orderId} function in the orders stack');
  const { Properties: properties } = resource;
  // Plain values from the template (NODE_OPTIONS, Powertools settings); table names are Refs.
  const plainVariables = Object.fromEntries(
    Object.entries(properties.Environment.Variables).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  getOrder = {
    name: 'Shop-Local-Orders-GetOrder',
    arn: 'arn:aws:lambda:us-east-1:000000000000:function:Shop-Local-Orders-GetOrder',
    codeDirectory: path.join(assemblyDir, String(resource.Metadata['aws:asset:path'])),
    handler: properties.Handler,
    environment: {
      ...plainVariables,
      EVENT_STORE_TABLE_NAME: 'anything',
      SNAPSHOTS_TABLE_NAME: 'anything',
      ORDER_VIEWS_TABLE_NAME: 'anything',
    },
    timeoutSeconds: properties.Timeout,
    memorySizeMb: properties.MemorySize,
    runtime: properties.Runtime,
  };
}, SHOP_ASSEMBLY_TIMEOUT_MS);

describe("the shop's get-order bundle on the local cloud's Lambda service", () => {
  it('answers GET /orders/not-a-uuid with a 404 problem, without a database', async () => {
    // Port 9 (discard) has no listener: a database call would end in a 500, not a 404.
    const lambda = new LocalLambdaService({
      region: 'us-east-1',
      credentials: DEFAULT_LOCAL_CREDENTIALS,
      endpointUrl: 'http://127.0.0.1:9',
    });
    service = lambda;
    lambda.register(getOrder);
    const event = apiEvent({
      method: 'GET',
      resource: '/orders/{orderId}',
      pathParameters: { orderId: 'not-a-uuid' },
    });

    const result = await lambda.invoke(getOrder.name, event);
    if (!result.ok) throw new Error(`${result.functionError}: ${JSON.stringify(result.payload)}`);
    const response = result.payload as APIGatewayProxyResult;

    expect(getOrder.handler).toBe('index.handler');
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['Content-Type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ status: 404 });
  });
});
