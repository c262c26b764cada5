import { connect } from 'node:net';
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

describe('requests Node cannot parse', () => {
  /** Sends raw bytes (what fetch refuses to send) and returns the raw response text. */
  async function rawRequest(url: string, text: string): Promise<string> {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.end(text);
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function parse(raw: string) {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const headers = new Map(
      headerLines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 2),
      ]),
    );
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }

  const withProblems = () =>
    builder()
      .add('GatewayResponse', 'g4', {
        ResponseType: 'DEFAULT_4XX',
        ResponseParameters: { 'gatewayresponse.header.Content-Type': `'${PROBLEM}'` },
        ResponseTemplates: {
          'application/json':
            '{"title":"Bad request","type":"$context.error.responseType","detail":$context.error.messageString}',
        },
      })
      .build();

  it.each([
    [
      'a control character in a header',
      'GET /v1/orders/1 HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\x01b\r\n\r\n',
    ],
    ['an unknown method', 'BREW /v1/orders/1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a malformed request line', 'GET\r\n\r\n'],
  ])("answer %s with the API's own 4XX response, not an empty 400", async (_, text) => {
    const url = await servers.start(withProblems(), { lambda: fakeLambda(echo) });
    const response = parse(await rawRequest(url, text));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM);
    expect(JSON.parse(response.body)).toEqual({
      title: 'Bad request',
      type: 'DEFAULT_4XX',
      detail: 'Bad Request',
    });
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.body));
  });
});
