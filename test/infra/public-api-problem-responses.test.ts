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

  /** The body API Gateway would send: `$context` variables substituted by sample values. */
  function renderBody(template: string): unknown {
    const body = template
      // Already a quoted, escaped JSON string in API Gateway.
      .replaceAll('$context.error.messageString', JSON.stringify('Sample "quoted" message'))
      .replace(/\$context\.path/g, '/orders/o-1')
      .replace(/\$context\.[A-Za-z.]+/g, 'sample-value');
    return JSON.parse(body);
  }

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
      },
    });
    expect(response?.StatusCode).toBe(status === undefined ? undefined : String(status));

    const templates = response?.ResponseTemplates as Record<string, string>;
    expect(Object.keys(templates)).toEqual(['application/json']);
    const body = renderBody(templates['application/json'] ?? '');
    expect(body).toEqual({
      type: expect.stringMatching(/^https:\/\/shop\.example\/problems\/[a-z-]+$/),
      title: expect.any(String),
      ...(status === undefined ? {} : { status }),
      detail: expect.any(String),
      instance: '/orders/o-1',
      requestId: 'sample-value',
    });
  });

  it('answer server errors, throttling and timeouts with a fixed detail, never the gateway message', () => {
    for (const type of ['DEFAULT_5XX', 'THROTTLED', 'INTEGRATION_TIMEOUT']) {
      const templates = responses().get(type)?.ResponseTemplates as Record<string, string>;
      expect(templates['application/json']).not.toContain('$context.error.message');
    }
  });
});
