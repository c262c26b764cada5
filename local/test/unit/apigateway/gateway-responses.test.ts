import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

const PROBLEM = 'application/problem+json';

function builder() {
  return new ApiBuilder('gwapi01')
    .proxy('/orders/{orderId}', 'GET', 'get')
    .proxy('/broken', 'GET', 'broken')
    .stage('v1');
}

describe('custom gateway responses', () => {
  it('apply status, header mappings and the template with $context substitution', async () => {
    const api = builder()
      .add('GatewayResponse', 'g1', {
        ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
        StatusCode: '404',
        ResponseParameters: {
          'gatewayresponse.header.Content-Type': `'${PROBLEM}'`,
          'gatewayresponse.header.X-Correlation-Id': 'method.request.header.X-Correlation-Id',
          'gatewayresponse.header.X-Mode': 'method.request.querystring.mode',
          'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
        },
        ResponseTemplates: {
          'application/json':
            '{"detail":"No route matches $context.httpMethod $context.path.","message":$context.error.messageString,' +
            '"type":"$context.error.responseType","requestId":"$context.requestId","apiId":"$context.apiId",' +
            '"stage":"$context.stage","ip":"$context.identity.sourceIp","time":"$context.requestTime",' +
            // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's braced variable syntax, not JS
            '"braced":"${context.extendedRequestId}","resourcePath":"$context.resourcePath"}',
        },
      })
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/nowhere?mode=fast`, {
      headers: { 'X-Correlation-Id': 'corr-9' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(response.headers.get('x-correlation-id')).toBe('corr-9');
    expect(response.headers.get('x-mode')).toBe('fast');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toEqual({
      detail: 'No route matches GET /v1/nowhere.',
      message: 'Missing Authentication Token',
      type: 'MISSING_AUTHENTICATION_TOKEN',
      requestId: response.headers.get('x-amzn-requestid'),
      apiId: 'gwapi01',
      stage: 'v1',
      ip: '127.0.0.1',
      time: expect.stringMatching(/^\d{2}\/\w{3}\/\d{4}:/),
      braced: response.headers.get('x-amz-apigw-id'),
      resourcePath: '',
    });
  });

  it('leave a mapped header out when the request has no such value', async () => {
    const api = builder()
      .add('GatewayResponse', 'g1', {
        ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
        ResponseParameters: {
          'gatewayresponse.header.X-Correlation-Id': 'method.request.header.X-Correlation-Id',
        },
      })
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/nowhere`);
    expect(response.status).toBe(403); // no StatusCode: the type's default
    expect(response.headers.has('x-correlation-id')).toBe(false);
    // No template either: API Gateway's default body.
    expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
  });

  it('fall back to DEFAULT_4XX (its status too) and DEFAULT_5XX for types without their own', async () => {
    const api = builder()
      .add('GatewayResponse', 'g4', {
        ResponseType: 'DEFAULT_4XX',
        StatusCode: '418',
        ResponseParameters: { 'gatewayresponse.header.Content-Type': `'${PROBLEM}'` },
        ResponseTemplates: { 'application/json': '{"title":"client","detail":$context.error.messageString}' },
      })
      .add('GatewayResponse', 'g5', {
        ResponseType: 'DEFAULT_5XX',
        ResponseParameters: { 'gatewayresponse.header.Content-Type': `'${PROBLEM}'` },
        ResponseTemplates: { 'application/json': '{"title":"server","type":"$context.error.responseType"}' },
      })
      .build();
    const lambda = fakeLambda(() => 'not a proxy result');
    const url = await servers.start(api, { lambda });

    const missing = await fetch(`${url}/v1/nowhere`);
    expect(missing.status).toBe(418);
    expect(missing.headers.get('content-type')).toBe(PROBLEM);
    expect(await missing.json()).toEqual({ title: 'client', detail: 'Missing Authentication Token' });

    const broken = await fetch(`${url}/v1/broken`);
    expect(broken.status).toBe(502);
    expect(broken.headers.get('content-type')).toBe(PROBLEM);
    expect(await broken.json()).toEqual({ title: 'server', type: 'DEFAULT_5XX' });
  });

  it('quote the message in $context.error.messageString and render null for authorizer errors', async () => {
    const api = builder()
      .proxy('/secure', 'GET', 'secure', { AuthorizationType: 'CUSTOM', AuthorizerId: 'missing-authorizer' })
      .add('GatewayResponse', 'g5', {
        ResponseType: 'DEFAULT_5XX',
        ResponseTemplates: {
          'application/json': '{"m":$context.error.messageString,"raw":"$context.error.message"}',
        },
      })
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/secure`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ m: null, raw: '' });
  });
});
