import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { routesOf } from '../helpers/api-template';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

/** The CORS policy of the public API, per stage: preflight, gateway responses, the functions' grants. */
describe.each(STAGE_NAMES)('CORS on the public API (%s)', (stage) => {
  const { edge, orders, stacks } = shopTemplates(stage);
  const origins = STAGES[stage].api.corsOrigins;
  const restApi = logicalIdOf(stacks.edge.publicApi.api);
  const routes = () => routesOf(edge, restApi);
  const preflights = () => routes().filter(({ method }) => method === 'OPTIONS');
  const gatewayResponses = () => resourcesOfType(edge, 'AWS::ApiGateway::GatewayResponse');
  const environmentOf = (fn: Parameters<typeof logicalIdOf>[0]) =>
    resourceOf(orders, logicalIdOf(fn)).Properties.Environment as { Variables: Record<string, string> };

  if (origins.length === 0) {
    it('has no policy: no OPTIONS routes, no CORS headers anywhere', () => {
      expect(preflights()).toEqual([]);
      for (const [, { Properties }] of gatewayResponses()) {
        expect(Object.keys(Properties.ResponseParameters as object).join()).not.toMatch(
          /Access-Control|Vary/,
        );
      }
      expect(environmentOf(stacks.orders.orders.listCustomerOrders).Variables).not.toHaveProperty(
        'CORS_ALLOWED_ORIGINS',
      );
    });
    return;
  }

  it('answers a preflight on every resource that has a route', () => {
    const paths = (method?: string) =>
      [
        ...new Set(
          routes()
            .filter((route) => (method ? route.method === method : route.method !== 'OPTIONS'))
            .map(({ path }) => path),
        ),
      ].sort();
    expect(paths('OPTIONS')).toEqual(expect.arrayContaining(paths()));
  });

  it.each(['/orders', '/customers/{customerId}/orders'])(
    'answers the preflight of %s itself (MOCK, no authorization): the first origin, the methods, the headers',
    (path) => {
      const preflight = preflights().find((route) => route.path === path);
      if (!preflight) throw new Error(`No preflight for ${path}`);
      expect(preflight.properties).toMatchObject({
        AuthorizationType: 'NONE',
        Integration: { Type: 'MOCK' },
      });
      const { IntegrationResponses } = preflight.properties.Integration as {
        IntegrationResponses: Array<{
          ResponseParameters: Record<string, string>;
          ResponseTemplates?: Record<string, string>;
        }>;
      };
      const [response] = IntegrationResponses;
      expect(response?.ResponseParameters).toEqual({
        'method.response.header.Access-Control-Allow-Origin': `'${origins[0]}'`,
        'method.response.header.Vary': "'Origin'",
        'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PUT'",
        'method.response.header.Access-Control-Allow-Headers':
          "'Content-Type,Idempotency-Key,X-Correlation-Id,Authorization'",
        'method.response.header.Access-Control-Max-Age': "'600'",
      });
      // Further origins: chosen by exact comparison with the request's Origin (VTL, on AWS).
      for (const other of origins.slice(1)) {
        expect(response?.ResponseTemplates?.['application/json']).toContain(`$origin == "${other}"`);
      }
      if (origins.length === 1) expect(response?.ResponseTemplates).toBeUndefined();
    },
  );

  it('grants the origin on the gateway’s own error responses only when it is the only one', () => {
    for (const [, { Properties }] of gatewayResponses()) {
      const headers = Properties.ResponseParameters as Record<string, string>;
      if (origins.length === 1) {
        expect(headers).toMatchObject({
          'gatewayresponse.header.Access-Control-Allow-Origin': `'${origins[0]}'`,
          'gatewayresponse.header.Access-Control-Expose-Headers':
            "'Location,ETag,Retry-After,X-Correlation-Id'",
        });
      } else {
        expect(headers).not.toHaveProperty('gatewayresponse.header.Access-Control-Allow-Origin');
      }
    }
  });

  it('tells the functions behind the API the origins, and only those that answer HTTP', () => {
    for (const fn of [stacks.orders.orders.listCustomerOrders, stacks.orders.orders.placeOrder]) {
      expect(environmentOf(fn).Variables.CORS_ALLOWED_ORIGINS).toBe(origins.join(','));
    }
    expect(environmentOf(stacks.orders.orders.projector.function).Variables).not.toHaveProperty(
      'CORS_ALLOWED_ORIGINS',
    );
  });
});
