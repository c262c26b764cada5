import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { crossStackTargets, routeOf, routesOf } from '../helpers/api-template';
import {
  logicalIdOf,
  referencedId,
  renderString,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

const { app, edge, orders, stacks } = shopTemplates('local');
const publicApi = stacks.edge.publicApi;
const restApi = logicalIdOf(publicApi.api);
const apiStage = logicalIdOf(publicApi.api.deploymentStage);
const ordersOutputs = { stackName: stacks.orders.stackName, template: orders };
const placeOrder = logicalIdOf(stacks.orders.orders.placeOrder);
const getOrder = logicalIdOf(stacks.orders.orders.getOrder);
const getOrderHistory = logicalIdOf(stacks.orders.orders.getOrderHistory);
const cancelOrder = logicalIdOf(stacks.orders.orders.cancelOrder);
const listCustomerOrders = logicalIdOf(stacks.orders.orders.listCustomerOrders);
const stockApi = stacks.inventory.inventory.stockApi;
if (!stockApi) throw new Error('The local stage has the stock test hooks');
const setStock = logicalIdOf(stockApi.setStock);
const getStock = logicalIdOf(stockApi.getStock);
const getProduct = logicalIdOf(stacks.inventory.inventory.getProduct);
const customersOutputs = {
  stackName: stacks.customers.stackName,
  template: shopTemplates('local').customers,
};
const createCustomer = logicalIdOf(stacks.customers.customers.createCustomer);
const getCustomer = logicalIdOf(stacks.customers.customers.getCustomer);
const inventoryOutputs = {
  stackName: stacks.inventory.stackName,
  template: shopTemplates('local').inventory,
};

const notificationsOutputs = {
  stackName: stacks.notifications.stackName,
  template: shopTemplates('local').notifications,
};
const listCallbacks = logicalIdOf(stacks.notifications.notifications.listCallbacks);
const replayFunction = stacks.notifications.notifications.replayCallback;
if (replayFunction === undefined) throw new Error('The local stage routes the callback replay');
const replayCallback = logicalIdOf(replayFunction);

const route = (method: string, path: string) => routeOf(edge, restApi, method, path);

describe('REST API', () => {
  it('is regional', () => {
    expect(resourceOf(edge, restApi).Properties.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
  });

  it('is published as the PublicApiUrl output: the v1 stage URL', () => {
    const url = edge.findOutputs('PublicApiUrl');
    expect(Object.keys(url)).toEqual(['PublicApiUrl']);
    expect(renderString(url.PublicApiUrl?.Value)).toBe(
      `https://\${${restApi}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${apiStage}}/`,
    );
  });
});

describe.each(STAGE_NAMES)('v1 stage (%s)', (stage) => {
  const { edge: template, stacks: stageStacks } = shopTemplates(stage);
  const config = STAGES[stage];
  const stageProps = () =>
    resourceOf(template, logicalIdOf(stageStacks.edge.publicApi.api.deploymentStage)).Properties;

  it('is the only stage, named v1, traced with X-Ray', () => {
    expect(resourcesOfType(template, 'AWS::ApiGateway::Stage')).toHaveLength(1);
    expect(stageProps()).toMatchObject({ StageName: 'v1', TracingEnabled: true });
  });

  it('throttles every method at the stage rate and burst limits', () => {
    expect(stageProps().MethodSettings).toContainEqual(
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: config.api.throttle.rateLimit,
        ThrottlingBurstLimit: config.api.throttle.burstLimit,
      }),
    );
  });

  it('caches GET /products/{sku} at the stage, per SKU, encrypted, for the stage TTL; nothing else', () => {
    expect(stageProps()).toMatchObject({ CacheClusterEnabled: true, CacheClusterSize: '0.5' });
    const cached = (stageProps().MethodSettings as Record<string, unknown>[]).filter((s) => s.CachingEnabled);
    expect(cached).toEqual([
      expect.objectContaining({
        HttpMethod: 'GET',
        ResourcePath: '/~1products~1{sku}',
        CacheTtlInSeconds: config.api.productCacheTtl.toSeconds(),
        CacheDataEncrypted: true,
      }),
    ]);
    const api = logicalIdOf(stageStacks.edge.publicApi.api);
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(
      ([, m]) => JSON.stringify(m.Properties.RestApiId) === JSON.stringify({ Ref: api }),
    );
    const product = methods.find(([, m]) => m.Properties.OperationName === 'GetProduct')?.[1].Properties;
    expect(product).toMatchObject({
      HttpMethod: 'GET',
      AuthorizationType: 'NONE',
      RequestParameters: { 'method.request.path.sku': true },
      Integration: expect.objectContaining({ CacheKeyParameters: ['method.request.path.sku'] }),
    });
    // A cached answer never crosses users: every cached method is anonymous, or its key holds the caller.
    for (const [, method] of methods) {
      const keys = (method.Properties.Integration as { CacheKeyParameters?: string[] } | undefined)
        ?.CacheKeyParameters;
      if (keys === undefined) continue;
      expect(
        method.Properties.AuthorizationType === 'NONE' ||
          keys.includes('method.request.header.Authorization'),
      ).toBe(true);
    }
  });

  it('raises an alarm on server errors (5XX) at the stage threshold', () => {
    const apiName = resourceOf(template, logicalIdOf(stageStacks.edge.publicApi.api)).Properties.Name;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'ApiName', Value: apiName }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: config.alarms.api5xxPerPeriod,
    });
  });
});

describe('access logs', () => {
  const setting = () =>
    resourceOf(edge, apiStage).Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };

  it('go to the access-log group', () => {
    const logGroup = logicalIdOf(publicApi.accessLogs);
    expect(resourceOf(edge, logGroup).Type).toBe('AWS::Logs::LogGroup');
    expect(renderString(setting().DestinationArn)).toBe(
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroup}}`,
    );
  });

  it('are one JSON object per request with the fields we query by', () => {
    const format = JSON.parse(setting().Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      path: '$context.path',
      integrationLatencyMs: '$context.integrationLatency',
      xrayTraceId: '$context.xrayTraceId',
    });
  });
});

describe('routes', () => {
  it('are exactly the orders and customers commands and queries of the v1 contract, and the catalogue', () => {
    // CORS preflights (OPTIONS) aside: public-api-cors.test.ts.
    const routes = routesOf(edge, restApi).filter(({ method }) => method !== 'OPTIONS');
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /orders',
      'GET /orders/{orderId}',
      'GET /orders/{orderId}/history',
      'POST /orders/{orderId}/cancel',
      'GET /orders/{orderId}/callbacks',
      'POST /orders/{orderId}/callbacks/replay',
      'POST /customers',
      'GET /customers/{customerId}',
      'GET /customers/{customerId}/orders',
      'GET /products/{sku}',
      'PUT /inventory/{sku}',
      'GET /inventory/{sku}',
    ]);
  });

  it('has no stock test hooks in prod', () => {
    const prod = shopTemplates('prod');
    const prodApi = logicalIdOf(prod.stacks.edge.publicApi.api);
    expect(routesOf(prod.edge, prodApi).map(({ path }) => path)).not.toContain('/inventory/{sku}');
    expect(prod.stacks.inventory.inventory.stockApi).toBeUndefined();
  });

  it('has no callback replay in prod, only the history', () => {
    const prod = shopTemplates('prod');
    const prodApi = logicalIdOf(prod.stacks.edge.publicApi.api);
    const paths = routesOf(prod.edge, prodApi).map(({ method, path }) => `${method} ${path}`);
    expect(paths).toContain('GET /orders/{orderId}/callbacks');
    expect(paths).not.toContain('POST /orders/{orderId}/callbacks/replay');
    expect(prod.stacks.notifications.notifications.replayCallback).toBeUndefined();
  });

  it.each([
    ['PUT', setStock],
    ['GET', getStock],
  ])('%s /inventory/{sku} is a Lambda proxy to its own function in the Inventory stack', (method, fn) => {
    const { properties } = route(method, '/inventory/{sku}');
    expect(crossStackTargets((properties.Integration as { Uri: unknown }).Uri, inventoryOutputs)).toEqual([
      fn,
    ]);
    expect(properties.RequestParameters).toEqual({ 'method.request.path.sku': true });
  });

  it.each([
    ['POST', '/orders', placeOrder],
    ['GET', '/orders/{orderId}', getOrder],
    ['GET', '/orders/{orderId}/history', getOrderHistory],
    ['POST', '/orders/{orderId}/cancel', cancelOrder],
    ['GET', '/customers/{customerId}/orders', listCustomerOrders],
  ])('%s %s is a Lambda proxy to its own function in the Orders stack', (method, path, fn) => {
    const { properties } = route(method, path);
    expect(properties.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
    const uri = (properties.Integration as { Uri: unknown }).Uri;
    expect(crossStackTargets(uri, ordersOutputs)).toEqual([fn]);
    expect(JSON.stringify(uri)).toMatch(/:lambda:path\/2015-03-31\/functions\/".*"\/invocations"/);
  });

  const page = { 'method.request.querystring.limit': false, 'method.request.querystring.cursor': false };
  it.each([
    ['/orders/{orderId}', { 'method.request.path.orderId': true, 'method.request.querystring.asOf': false }],
    ['/orders/{orderId}/history', { 'method.request.path.orderId': true, ...page }],
    ['/customers/{customerId}/orders', { 'method.request.path.customerId': true, ...page }],
  ])(
    'GET %s declares its path parameter (required) and query parameters (optional), validated',
    (path, expected) => {
      const { properties } = route('GET', path);
      expect(properties.RequestParameters).toEqual(expected);
      expect(resourceOf(edge, referencedId(properties.RequestValidatorId)).Properties).toMatchObject({
        ValidateRequestParameters: true,
      });
    },
  );
});

describe('Lambda invoke permissions', () => {
  const permissions = () =>
    resourcesOfType(edge, 'AWS::Lambda::Permission').map(([, { Properties }]) => ({
      // Imported from the stack whose export it names.
      function: crossStackTargets(
        Properties.FunctionName,
        [inventoryOutputs, customersOutputs, notificationsOutputs].find((producer) =>
          JSON.stringify(Properties.FunctionName).includes(producer.stackName),
        ) ?? ordersOutputs,
      ),
      action: Properties.Action,
      principal: Properties.Principal,
      sourceArn: renderString(Properties.SourceArn),
    }));
  const api = `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${restApi}}`;
  const invoke = { action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com' };

  it('let API Gateway invoke each function from its own route only (v1 stage and console test)', () => {
    for (const permission of permissions()) expect(permission).toMatchObject(invoke);
    expect(
      permissions()
        .map((permission) => `${permission.function.join()} <- ${permission.sourceArn}`)
        .sort(),
    ).toEqual(
      [
        `${placeOrder} <- ${api}/\${${apiStage}}/POST/orders`,
        `${placeOrder} <- ${api}/test-invoke-stage/POST/orders`,
        `${getOrder} <- ${api}/\${${apiStage}}/GET/orders/*`,
        `${getOrder} <- ${api}/test-invoke-stage/GET/orders/*`,
        `${getOrderHistory} <- ${api}/\${${apiStage}}/GET/orders/*/history`,
        `${getOrderHistory} <- ${api}/test-invoke-stage/GET/orders/*/history`,
        `${cancelOrder} <- ${api}/\${${apiStage}}/POST/orders/*/cancel`,
        `${cancelOrder} <- ${api}/test-invoke-stage/POST/orders/*/cancel`,
        `${listCustomerOrders} <- ${api}/\${${apiStage}}/GET/customers/*/orders`,
        `${listCustomerOrders} <- ${api}/test-invoke-stage/GET/customers/*/orders`,
        `${createCustomer} <- ${api}/\${${apiStage}}/POST/customers`,
        `${createCustomer} <- ${api}/test-invoke-stage/POST/customers`,
        `${getCustomer} <- ${api}/\${${apiStage}}/GET/customers/*`,
        `${getCustomer} <- ${api}/test-invoke-stage/GET/customers/*`,
        `${setStock} <- ${api}/\${${apiStage}}/PUT/inventory/*`,
        `${setStock} <- ${api}/test-invoke-stage/PUT/inventory/*`,
        `${getStock} <- ${api}/\${${apiStage}}/GET/inventory/*`,
        `${getStock} <- ${api}/test-invoke-stage/GET/inventory/*`,
        `${getProduct} <- ${api}/\${${apiStage}}/GET/products/*`,
        `${getProduct} <- ${api}/test-invoke-stage/GET/products/*`,
        `${listCallbacks} <- ${api}/\${${apiStage}}/GET/orders/*/callbacks`,
        `${listCallbacks} <- ${api}/test-invoke-stage/GET/orders/*/callbacks`,
        `${replayCallback} <- ${api}/\${${apiStage}}/POST/orders/*/callbacks/replay`,
        `${replayCallback} <- ${api}/test-invoke-stage/POST/orders/*/callbacks/replay`,
      ].sort(),
    );
  });

  it("live in the Edge stack: the Orders stack has only its own internal API's and never references the Edge stack", () => {
    const internalApis = Object.keys(orders.findResources('AWS::ApiGateway::RestApi'));
    expect(internalApis).toEqual([expect.stringMatching(/^OrdersInternalApi/)]);
    const permissions = Object.values(orders.findResources('AWS::Lambda::Permission'));
    // Four routes, each for the stage and for the console's test invocations.
    expect(permissions).toHaveLength(8);
    for (const permission of permissions) {
      expect(JSON.stringify(permission.Properties.SourceArn)).toContain(`"Ref":"${internalApis[0]}"`);
    }
    const ordersJson = JSON.stringify(orders.toJSON());
    // Edge exports, imports and stack outputs are all named after the Edge stack.
    expect(ordersJson).not.toContain(stacks.edge.stackName);
  });

  it('make the Edge stack depend on the service stacks, never the reverse (no cycle); Orders depends on the bus and the customers API only, Inventory on the bus only', () => {
    const dependencies = (stackName: string) =>
      app
        .synth()
        .getStackByName(stackName)
        .dependencies.map((artifact) => artifact.id)
        .filter((id) => !id.endsWith('.assets'));
    expect(dependencies(stacks.edge.stackName).sort()).toEqual(
      [
        stacks.customers.stackName,
        stacks.inventory.stackName,
        stacks.notifications.stackName,
        stacks.orders.stackName,
      ].sort(),
    );
    expect(dependencies(stacks.inventory.stackName)).toEqual([stacks.events.stackName]);
    expect(dependencies(stacks.orders.stackName).sort()).toEqual(
      [stacks.customers.stackName, stacks.events.stackName].sort(),
    );
    expect(dependencies(stacks.events.stackName)).toEqual([]);
  });
});
