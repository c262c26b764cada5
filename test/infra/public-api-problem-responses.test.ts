import { gatewayResponsesOf, HOSTILE_PATHS, renderGatewayError } from '../helpers/gateway-response-render';
import { logicalIdOf, shopTemplates } from '../helpers/shop-templates';

const { edge, stacks } = shopTemplates('local');

describe('gateway responses', () => {
  /**
   * Each response type the API answers itself, with the status it must carry: every 4xx type AWS has, so
   * that DEFAULT_4XX can carry 400 and a matching `status` member (the fuzz suite found it without one).
   */
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
    EXPIRED_TOKEN: 403,
    INVALID_SIGNATURE: 403,
    WAF_FILTERED: 403,
    INTEGRATION_TIMEOUT: 504,
    DEFAULT_4XX: 400,
    DEFAULT_5XX: undefined,
  };
  const responses = () => gatewayResponsesOf(edge, logicalIdOf(stacks.edge.publicApi.api));
  const render = (type: string, path: string) => renderGatewayError(responses(), type, path);

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
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
      },
    });
    // A gateway response can copy a request header but never check it: echoing would reflect any text.
    expect(Object.keys(response?.ResponseParameters ?? {})).not.toContain(
      'gatewayresponse.header.X-Correlation-Id',
    );
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
