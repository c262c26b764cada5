import { route } from '../../../apigateway/router';
import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

/** Each method answers with its own function name, so a test sees which one the router chose. */
function api() {
  return new ApiBuilder()
    .proxy('/', 'GET', 'root')
    .proxy('/orders', 'GET', 'listOrders')
    .proxy('/orders', 'POST', 'placeOrder')
    .proxy('/orders/{orderId}', 'GET', 'getOrder')
    .proxy('/orders/{orderId}', 'ANY', 'anyOrder')
    .proxy('/orders/search', 'GET', 'searchOrders')
    .proxy('/orders/{orderId}/history', 'GET', 'orderHistory')
    .proxy('/static/{proxy+}', 'GET', 'static')
    .proxy('/{proxy+}', 'ANY', 'catchAll')
    .proxy('/a/{x}/c', 'GET', 'axc')
    .proxy('/a/b/{proxy+}', 'GET', 'abProxy')
    .proxy('/p/q/r', 'GET', 'pqr')
    .proxy('/p/{x}/s', 'GET', 'pxs')
    .stage('v1')
    .build();
}

describe('route (resource tree)', () => {
  const root = api().root;
  const target = (path: string, method = 'GET') => {
    const match = route(root, path, method);
    return (
      match && {
        resource: match.resource.path,
        method: match.method.httpMethod,
        params: match.pathParameters,
      }
    );
  };

  it.each([
    ['/', 'GET', '/', 'GET', {}],
    ['/orders', 'GET', '/orders', 'GET', {}],
    ['/orders/', 'POST', '/orders', 'POST', {}],
    ['//orders', 'GET', '/orders', 'GET', {}],
    ['/orders/search', 'GET', '/orders/search', 'GET', {}],
    ['/orders/o-1', 'GET', '/orders/{orderId}', 'GET', { orderId: 'o-1' }],
    ['/orders/o-1', 'DELETE', '/orders/{orderId}', 'ANY', { orderId: 'o-1' }],
    ['/orders/o-1/history', 'GET', '/orders/{orderId}/history', 'GET', { orderId: 'o-1' }],
    ['/static/css/site.css', 'GET', '/static/{proxy+}', 'GET', { proxy: 'css/site.css' }],
    ['/unknown/deep/path', 'PATCH', '/{proxy+}', 'ANY', { proxy: 'unknown/deep/path' }],
    ['/a/b/c', 'GET', '/a/b/{proxy+}', 'GET', { proxy: 'c' }],
    ['/a/z/c', 'GET', '/a/{x}/c', 'GET', { x: 'z' }],
    // Literal `q` is tried first; the router backtracks to `{x}` when `q` cannot match the rest.
    ['/p/q/s', 'GET', '/p/{x}/s', 'GET', { x: 'q' }],
    ['/p/q/r', 'GET', '/p/q/r', 'GET', {}],
  ])('%s %s -> %s %s', (path, method, resource, httpMethod, params) => {
    expect(target(path, method)).toEqual({ resource, method: httpMethod, params });
  });

  it('has no route for a method the resource lacks (no ANY) or a path no resource matches', () => {
    const small = new ApiBuilder().proxy('/orders', 'GET', 'list').stage('v1').build().root;
    expect(route(small, '/orders', 'POST')).toBeUndefined();
    expect(route(small, '/customers', 'GET')).toBeUndefined();
    expect(route(small, '/', 'GET')).toBeUndefined();
  });
});

describe('routing over HTTP', () => {
  async function start() {
    const lambda = fakeLambda(echo);
    const url = await servers.start(api(), { lambda });
    const hit = async (path: string, method = 'GET') => {
      const response = await fetch(`${url}${path}`, { method });
      await response.arrayBuffer();
      return { status: response.status, fn: lambda.calls.at(-1)?.arn.split(':').at(-1) };
    };
    return { url, hit };
  }

  it('serves /<stage>/<path> and picks the most specific resource, then the method, then ANY', async () => {
    const { hit } = await start();
    expect(await hit('/v1/orders/search')).toMatchObject({ status: 200, fn: 'searchOrders' });
    expect(await hit('/v1/orders/o-9')).toMatchObject({ status: 200, fn: 'getOrder' });
    expect(await hit('/v1/orders/o-9', 'PUT')).toMatchObject({ status: 200, fn: 'anyOrder' });
    expect(await hit('/v1/')).toMatchObject({ status: 200, fn: 'root' });
    expect(await hit('/v1')).toMatchObject({ status: 200, fn: 'root' });
  });

  it('answers an unknown path or method with 403 Missing Authentication Token', async () => {
    const lambda = fakeLambda(echo);
    const url = await servers.start(new ApiBuilder().proxy('/orders', 'GET', 'list').stage('v1').build(), {
      lambda,
    });
    for (const [path, method] of [
      ['/v1/customers', 'GET'],
      ['/v1/orders', 'POST'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status).toBe(403);
      expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
    }
    expect(lambda.calls).toHaveLength(0);
  });

  it('answers an unknown stage with 403 Forbidden', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/prod/orders`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Forbidden"}');
  });
});
