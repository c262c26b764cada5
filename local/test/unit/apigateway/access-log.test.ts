import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

const JSON_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","ua":"$context.identity.userAgent",' +
  '"method":"$context.httpMethod","resourcePath":"$context.resourcePath","path":"$context.path",' +
  '"status":"$context.status","length":"$context.responseLength","latency":"$context.responseLatency",' +
  '"integrationLatency":"$context.integrationLatency","errorType":"$context.error.responseType",' +
  '"errorMessage":"$context.error.message","stage":"$context.stage","apiKeyId":"$context.identity.apiKeyId"}';

async function start(stageProps: Record<string, unknown>) {
  const api = new ApiBuilder('logapi1').proxy('/orders', 'GET', 'list').stage('v1', stageProps).build();
  const lines: string[] = [];
  const url = await servers.start(api, { lambda: fakeLambda(echo), onAccessLog: (line) => lines.push(line) });
  return { url, lines };
}

describe('access logs', () => {
  it('write one line per request with the stage format, "-" for absent values', async () => {
    const { url, lines } = await start({
      AccessLogSetting: { DestinationArn: 'arn:logs', Format: JSON_FORMAT },
    });
    const ok = await fetch(`${url}/v1/orders`, { headers: { 'User-Agent': 'agent "quoted"' } });
    const body = await ok.text();
    await (await fetch(`${url}/v1/missing`)).text();
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toEqual({
      requestId: ok.headers.get('x-amzn-requestid'),
      ip: '127.0.0.1',
      ua: 'agent "quoted"',
      method: 'GET',
      resourcePath: '/orders',
      path: '/v1/orders',
      status: '200',
      length: String(Buffer.byteLength(body)),
      latency: expect.stringMatching(/^\d+$/),
      integrationLatency: expect.stringMatching(/^\d+$/),
      errorType: '-',
      errorMessage: '-',
      stage: 'v1',
      apiKeyId: '-',
    });
    expect(second).toMatchObject({
      resourcePath: '-',
      status: '403',
      errorType: 'MISSING_AUTHENTICATION_TOKEN',
      errorMessage: 'Missing Authentication Token',
      integrationLatency: '-',
    });
  });

  it('use a CLF line when the stage has no access log format', async () => {
    const { url, lines } = await start({});
    await (await fetch(`${url}/v1/orders`)).text();
    expect(lines[0]).toMatch(
      /^127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:[\d:]+ \+0000\] "GET \/orders HTTP\/1\.1" 200 \d+ [0-9a-f-]{36}$/,
    );
  });
});
