import { GatewayError } from '../../local/apigateway/gateway-error';
import { renderGatewayResponse } from '../../local/apigateway/gateway-responses';
import { InvocationContext } from '../../local/apigateway/invocation-context';
import type { GatewayResponseModel, RestApiModel } from '../../local/apigateway/rest-api-model';
import { resourcesOfType, shopTemplates } from '../helpers/shop-templates';

const { edge } = shopTemplates('local');

describe('gateway responses', () => {
  /** Each response type the API answers itself, with the status it must carry (none for the catch-alls). */
  const EXPECTED_STATUS: Record<string, number | undefined> = {
    BAD_REQUEST_BODY: 400,
    BAD_REQUEST_PARAMETERS: 400,
    MISSING_AUTHENTICATION_TOKEN: 404,
    RESOURCE_NOT_FOUND: 404,
    REQUEST_TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    UNAUTHORIZED: 401,
    ACCESS_DENIED: 403,
    INVALID_API_KEY: 403,
    THROTTLED: 429,
    QUOTA_EXCEEDED: 429,
    INTEGRATION_TIMEOUT: 504,
    DEFAULT_4XX: undefined,
    DEFAULT_5XX: undefined,
  };
  const responses = () =>
    new Map(
      resourcesOfType(edge, 'AWS::ApiGateway::GatewayResponse').map(([, { Properties }]) => [
        String(Properties.ResponseType),
        Properties,
      ]),
    );

  /**
   * What API Gateway sends for an error of `type` on a request to `path`, rendered by the local cloud's
   * gateway responses (plain `$context` substitution, no VTL and no escaping, as API Gateway does).
   */
  function render(type: string, path: string) {
    const gatewayResponses = new Map<string, GatewayResponseModel>(
      [...responses()].map(([responseType, properties]) => [
        responseType,
        {
          responseType,
          ...(properties.StatusCode === undefined ? {} : { statusCode: Number(properties.StatusCode) }),
          responseParameters: properties.ResponseParameters as Record<string, string>,
          responseTemplates: properties.ResponseTemplates as Record<string, string>,
        },
      ]),
    );
    const api = { gatewayResponses } as unknown as RestApiModel;
    const context = new InvocationContext(
      'api',
      '000000000000',
      Date.now(),
      'GET',
      path,
      'HTTP/1.1',
      '203.0.113.9',
      'jest',
      'localhost',
    );
    const error = new GatewayError(
      type,
      'Sample "quoted" message',
      type === 'DEFAULT_4XX' || type === 'DEFAULT_5XX'
        ? { statusCode: type === 'DEFAULT_4XX' ? 418 : 502 }
        : {},
    );
    const noRequestValues = {
      header: () => undefined,
      queryParameter: () => undefined,
      pathParameter: () => undefined,
    };
    const result = renderGatewayResponse(api, error, context, noRequestValues);
    return {
      status: result.statusCode,
      headers: new Map(result.headers),
      body: result.body.toString('utf8'),
      requestId: context.requestId,
    };
  }

  /** Paths a client can send that break or forge JSON if placed in a body unescaped. */
  const HOSTILE_PATHS = [
    '/v1/no"such',
    '/v1/x","status":200,"title":"Injected","z":"',
    '/v1/back\\slash\\',
    '/v1/\u2028line\u2029separators',
    '/v1/%22encoded%22',
  ];

  it('exist for exactly these response types', () => {
    expect([...responses().keys()].sort()).toEqual(Object.keys(EXPECTED_STATUS).sort());
  });

  it.each(
    Object.entries(EXPECTED_STATUS).map(
      ([type, status]) => [type, status ?? 'its own status', status] as const,
    ),
  )('%s answers %s as problem+json', (type, _label, status) => {
    const response = responses().get(type);
    expect(response).toMatchObject({
      ResponseParameters: {
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
        'gatewayresponse.header.X-Correlation-Id': 'method.request.header.X-Correlation-Id',
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
      },
    });
    expect(response?.StatusCode).toBe(status === undefined ? undefined : String(status));

    const templates = response?.ResponseTemplates as Record<string, string>;
    expect(Object.keys(templates)).toEqual(['application/json']);
  });

  it.each(Object.keys(EXPECTED_STATUS).flatMap((type) => HOSTILE_PATHS.map((path) => [type, path] as const)))(
    '%s renders valid problem+json for the path %s, with no request text in it',
    (type, path) => {
      const rendered = render(type, path);
      const body = JSON.parse(rendered.body);
      expect(body).toEqual({
        type: expect.stringMatching(/^https:\/\/shop\.example\/problems\/[a-z-]+$/),
        title: expect.any(String),
        ...(EXPECTED_STATUS[type] === undefined ? {} : { status: rendered.status }),
        detail: expect.any(String),
        instance: `urn:uuid:${rendered.requestId}`,
        requestId: rendered.requestId,
      });
      expect(rendered.body).not.toContain(path.slice('/v1/'.length));
      expect(rendered.headers.get('X-Content-Type-Options')).toBe('nosniff');
    },
  );

  it('answer server errors, throttling and timeouts with a fixed detail, never the gateway message', () => {
    for (const type of ['DEFAULT_5XX', 'THROTTLED', 'INTEGRATION_TIMEOUT']) {
      const templates = responses().get(type)?.ResponseTemplates as Record<string, string>;
      expect(templates['application/json']).not.toContain('$context.error.message');
    }
  });
});
