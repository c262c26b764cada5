import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

function mockMethod(requestTemplate: string | undefined, responses: Array<Record<string, unknown>>) {
  return {
    Integration: {
      Type: 'MOCK',
      ...(requestTemplate === undefined ? {} : { RequestTemplates: { 'application/json': requestTemplate } }),
      IntegrationResponses: responses,
    },
  };
}

describe('MOCK integrations', () => {
  it('select the integration response by the template statusCode and SelectionPattern', async () => {
    const api = new ApiBuilder()
      .method(
        '/teapot',
        'GET',
        mockMethod('{"statusCode": 418}', [
          { StatusCode: '200', ResponseTemplates: { 'application/json': '{"ok":true}' } },
          {
            StatusCode: '418',
            SelectionPattern: '4\\d{2}',
            ResponseTemplates: { 'application/json': '{"short":"stout"}' },
          },
        ]),
      )
      .method(
        '/default',
        'GET',
        mockMethod(undefined, [
          { StatusCode: '200', ResponseTemplates: { 'application/json': '{"ok":true}' } },
        ]),
      )
      .method(
        '/nomatch',
        'GET',
        mockMethod('{"statusCode": 500}', [{ StatusCode: '200', SelectionPattern: '2\\d{2}' }]),
      )
      .stage('v1')
      .build();
    const lambda = fakeLambda(echo);
    const url = await servers.start(api, { lambda });
    const teapot = await fetch(`${url}/v1/teapot`);
    expect(teapot.status).toBe(418);
    expect(teapot.headers.get('content-type')).toBe('application/json');
    expect(await teapot.json()).toEqual({ short: 'stout' });
    const fallback = await fetch(`${url}/v1/default`);
    expect(fallback.status).toBe(200);
    expect(await fallback.json()).toEqual({ ok: true });
    const nomatch = await fetch(`${url}/v1/nomatch`);
    expect(nomatch.status).toBe(500);
    expect(await nomatch.json()).toEqual({ message: 'Internal server error' });
    expect(lambda.calls).toHaveLength(0);
  });

  it('map response headers from static values and request values', async () => {
    const api = new ApiBuilder()
      .method(
        '/cors',
        'OPTIONS',
        mockMethod('{ statusCode: 200 }', [
          {
            StatusCode: '204',
            ResponseParameters: {
              'method.response.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
              'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET'",
              'method.response.header.Vary': "'Origin'",
              'method.response.header.X-Absent': 'method.request.header.X-Absent',
            },
          },
        ]),
      )
      .stage('v1')
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/cors`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('OPTIONS,GET');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.has('x-absent')).toBe(false);
  });
});
