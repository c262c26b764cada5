import { existsSync } from 'node:fs';
import {
  type CloudAssembly,
  lambdaFunctions,
  type ResolvedAssembly,
  type ResolvedResource,
  readCloudAssembly,
  resolveAssembly,
} from '@shop/local-cloud';
import { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { synthShop } from '../../helpers/synth';

/**
 * The shop synthesized for the local stage (without bundling), read back and resolved by the local
 * cloud's public entry: what `npm start` runs. The order the cloud serves the APIs in, and the function
 * keys it checks IAM-authorized calls with, are observed on the running cloud in
 * test/integration/local-cloud/restart-with-data-dir.test.ts; the grants themselves in test/infra.
 */

let assembly: CloudAssembly;
let resolved: ResolvedAssembly;
let placeOrderId: string;
let eventStoreId: string;

const logicalIdOf = (construct: IConstruct): string => {
  const element = construct.node.defaultChild;
  if (!CfnElement.isCfnElement(element))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).resolve(element.logicalId) as string;
};

/** The public API (the Payments stack has the stub provider's API too). */
const publicApi = (): ResolvedResource =>
  find((r) => r.type === 'AWS::ApiGateway::RestApi' && r.properties.Name === 'Shop-Local-public-api');

const find = (predicate: (resource: ResolvedResource) => boolean): ResolvedResource => {
  const found = resolved.resources.find(predicate);
  if (!found) throw new Error('no such resolved resource');
  return found;
};

/** Every key anywhere inside a value, to prove no intrinsic function survived resolution. */
const keysOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
};

beforeAll(() => {
  // Env-agnostic, as in CI: the shell's default account or region must not leak into the templates.
  const { CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION } = process.env;
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  try {
    const { app, stacks } = synthShop('local');
    assembly = readCloudAssembly(app.synth().directory);
    placeOrderId = logicalIdOf(stacks.orders.orders.placeOrder);
    eventStoreId = logicalIdOf(stacks.orders.orders.eventStore.table);
  } finally {
    if (CDK_DEFAULT_ACCOUNT !== undefined) process.env.CDK_DEFAULT_ACCOUNT = CDK_DEFAULT_ACCOUNT;
    if (CDK_DEFAULT_REGION !== undefined) process.env.CDK_DEFAULT_REGION = CDK_DEFAULT_REGION;
  }
  resolved = resolveAssembly(assembly.stacks);
}, 120_000);

describe("this repository's cloud assembly", () => {
  it('orders each stack after the stacks it imports from', () => {
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual([
      'Shop-Local-Events',
      'Shop-Local-Customers',
      'Shop-Local-Orders',
      'Shop-Local-Inventory',
      'Shop-Local-Notifications',
      'Shop-Local-Edge',
      'Shop-Local-Payments',
      'Shop-Local-Shipping',
      'Shop-Local-Saga',
      'Shop-Local-Apps',
      'Shop-Local-Push',
    ]);
  });

  it("resolves each app backend's internal API URLs to the services' execute-api URLs", () => {
    const urls = (fn: { properties: Record<string, unknown> }) =>
      (fn.properties.Environment as { Variables: Record<string, string> }).Variables;
    const apiUrl = (service: string) => {
      const api = find(
        (r) =>
          r.type === 'AWS::ApiGateway::RestApi' && r.properties.Name === `Shop-Local-${service}-internal`,
      );
      return `https://${api.physicalId}.execute-api.us-east-1.amazonaws.com/internal/`;
    };
    for (const description of ["The web app's backend", "The mobile app's backend"]) {
      const fn = find(
        (r) => r.type === 'AWS::Lambda::Function' && String(r.properties.Description).startsWith(description),
      );
      expect(urls(fn)).toMatchObject({
        ORDERS_API_URL: apiUrl('orders'),
        CUSTOMERS_API_URL: apiUrl('customers'),
        PAYMENTS_API_URL: apiUrl('payments'),
        SHIPPING_API_URL: apiUrl('shipping'),
      });
    }
  });

  it("resolves place-order's customers API URL to the internal API's execute-api URL, which the local cloud rewrites", () => {
    const placeOrder = find((r) => r.logicalId === placeOrderId);
    const internalApi = find(
      (r) => r.type === 'AWS::ApiGateway::RestApi' && r.properties.Name === 'Shop-Local-customers-internal',
    );
    const variables = (placeOrder.properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(variables.CUSTOMERS_API_URL).toBe(
      `https://${internalApi.physicalId}.execute-api.us-east-1.amazonaws.com/internal/`,
    );
  });

  it("points POST /orders at the place-order function's local ARN", () => {
    const placeOrder = find((r) => r.logicalId === placeOrderId);
    const api = publicApi();
    const ordersResource = find(
      (r) =>
        r.type === 'AWS::ApiGateway::Resource' &&
        r.properties.PathPart === 'orders' &&
        r.properties.ParentId === api.attributes.RootResourceId,
    );
    const method = find(
      (r) =>
        r.type === 'AWS::ApiGateway::Method' &&
        r.properties.HttpMethod === 'POST' &&
        r.properties.ResourceId === ordersResource.physicalId,
    );
    expect(method.properties.Integration).toMatchObject({
      Type: 'AWS_PROXY',
      Uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${placeOrder.physicalId}/invocations`,
    });
    expect(method.properties.RestApiId).toBe(publicApi().physicalId);
  });

  it("gives the place-order function the EventStore table's local name and its code directory", () => {
    const placeOrder = find((r) => r.logicalId === placeOrderId);
    const eventStore = find((r) => r.logicalId === eventStoreId);
    expect(placeOrder.properties.Environment).toMatchObject({
      Variables: { EVENT_STORE_TABLE_NAME: eventStore.physicalId },
    });
    expect(eventStore.physicalId).toBe(`Shop-Local-Orders-${eventStoreId}`);
    // Bundling is skipped here, so CDK records the unbundled source directory; with bundling it is
    // `cdk.out/asset.<hash>`. Either way the local cloud runs the function from that directory.
    const definition = lambdaFunctions(assembly, resolved.resources, {}).find(
      (fn) => fn.name === placeOrder.physicalId,
    );
    expect(definition?.codeDirectory && existsSync(definition.codeDirectory)).toBe(true);
  });

  it('leaves no intrinsic function anywhere in the resolved properties or outputs', () => {
    const keys = resolved.resources.flatMap((resource) => keysOf(resource.properties));
    expect(keys.filter((key) => key === 'Ref' || key.startsWith('Fn::'))).toEqual([]);
    expect(JSON.stringify(resolved.outputs)).not.toMatch(/Fn::|"Ref"|UNRESOLVED/);
    expect(resolved.unresolved).toEqual([]);
  });

  it('writes the Edge outputs with the REST API id, as `cdk deploy --outputs-file` would', () => {
    const api = publicApi();
    expect(resolved.outputs['Shop-Local-Edge']).toMatchObject({
      PublicApiUrl: `https://${api.physicalId}.execute-api.us-east-1.amazonaws.com/v1/`,
    });
  });

  it('resolves to the same ids every time', () => {
    expect(resolveAssembly(assembly.stacks)).toEqual(resolved);
  });
});
