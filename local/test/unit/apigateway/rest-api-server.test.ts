import { RestApiServer } from '../../../apigateway/rest-api-server';
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
