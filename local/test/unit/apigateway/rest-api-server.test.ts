import { RestApiServer } from '../../../apigateway/rest-api-server';
import { RequestsInFlight } from '../../../shared/requests-in-flight';
import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

describe('RestApiServer', () => {
  it('listens on a free port of 127.0.0.1 by default and closes with connections open', async () => {
    const server = new RestApiServer(new ApiBuilder().proxy('/x', 'GET', 'x').stage('v1').build(), {
      lambda: fakeLambda(echo),
    });
    const url = await server.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stageUrl('v1')).toBe(`${url}/v1/`);
    const response = await fetch(`${url}/v1/x`, { headers: { Connection: 'keep-alive' } });
    expect(response.status).toBe(200);
    await server.close();
    await expect(fetch(`${url}/v1/x`)).rejects.toThrow();
  });

  it('counts each request as in flight from its arrival until it is answered, failures too', async () => {
    const requests = new RequestsInFlight();
    const seen: number[] = [];
    // Each answer takes a while, so that the two requests overlap.
    const lambda = fakeLambda(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.push(requests.inFlight);
      return { statusCode: 204 };
    });
    const url = await servers.start(new ApiBuilder().proxy('/x', 'GET', 'x').stage('v1').build(), {
      lambda,
      requestsInFlight: requests,
    });
    await Promise.all([fetch(`${url}/v1/x`), fetch(`${url}/v1/x`)].map(async (r) => (await r).arrayBuffer()));
    expect(Math.max(...seen)).toBe(2);
    await (await fetch(`${url}/v1/missing`)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.inFlight).toBe(0);
  });

  it('answers 413 for a body over 10 MB without calling the function', async () => {
    const lambda = fakeLambda(echo);
    const url = await servers.start(new ApiBuilder().proxy('/upload', 'POST', 'up').stage('v1').build(), {
      lambda,
    });
    const response = await fetch(`${url}/v1/upload`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('{"message":"Request Too Long"}');
    expect(lambda.calls).toHaveLength(0);
  });

  it('answers 500 for an integration the local cloud does not run', async () => {
    const api = new ApiBuilder()
      .method('/http', 'GET', { Integration: { Type: 'HTTP_PROXY', Uri: 'https://example.com' } })
      .stage('v1')
      .build();
    const log: string[] = [];
    const url = await servers.start(api, {
      lambda: fakeLambda(echo),
      onExecutionLog: (line) => log.push(line),
    });
    const response = await fetch(`${url}/v1/http`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"message": "Internal server error"}');
    expect(log.join()).toContain('HTTP_PROXY integration is not emulated');
  });

  it('answers HEAD without a body', async () => {
    const url = await servers.start(new ApiBuilder().proxy('/x', 'ANY', 'x').stage('v1').build(), {
      lambda: fakeLambda(() => ({ statusCode: 200, body: 'hello' })),
    });
    const response = await fetch(`${url}/v1/x`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
