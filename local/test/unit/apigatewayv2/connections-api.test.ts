import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  ForbiddenException,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { parseConnectionsCall } from '../../../apigatewayv2/connections-api';
import {
  type LocalConnection,
  type ServerClose,
  WebSocketConnections,
} from '../../../apigatewayv2/websocket-connections';
import { ConnectionsRoute } from '../../../endpoint/connections-route';
import { EndpointServer } from '../../../endpoint/endpoint-server';

/** The `@connections` API: how its paths are read, and its answers to the unchanged SDK client on the endpoint. */
describe('@connections paths', () => {
  it('name the operation by the method and the connection by the last segment, decoded', () => {
    expect(parseConnectionsCall('POST', '/dev/@connections/L0SM9cOFvHcCIhw%3D')).toEqual({
      operation: 'PostToConnection',
      connectionId: 'L0SM9cOFvHcCIhw=',
      prefix: '/dev',
    });
    expect(parseConnectionsCall('GET', '/_ws/abc/dev/@connections/a+b')).toMatchObject({
      operation: 'GetConnection',
      connectionId: 'a+b',
      prefix: '/_ws/abc/dev',
    });
    expect(parseConnectionsCall('DELETE', '/@connections/x')).toMatchObject({
      operation: 'DeleteConnection',
      prefix: '',
    });
  });

  it('are nothing else: another method, no id, more segments, a broken escape', () => {
    expect(parseConnectionsCall('PUT', '/dev/@connections/x')).toBeUndefined();
    expect(parseConnectionsCall('POST', '/dev/@connections/')).toBeUndefined();
    expect(parseConnectionsCall('POST', '/dev/@connections')).toBeUndefined();
    expect(parseConnectionsCall('POST', '/dev/@connections/x/y')).toBeUndefined();
    expect(parseConnectionsCall('POST', '/dev/@connections/%E0%A4%A')).toBeUndefined();
    expect(parseConnectionsCall('POST', '/dev/connections/x')).toBeUndefined();
  });
});

describe('the @connections API on the endpoint, through ApiGatewayManagementApiClient', () => {
  const connections = new WebSocketConnections();
  const received: Buffer[] = [];
  const closes: ServerClose[] = [];
  const open = (id: string, send: LocalConnection['send']): LocalConnection => ({
    id,
    apiId: 'abc1234567',
    stage: 'dev',
    connectedAt: Date.parse('2026-01-01T10:00:00Z'),
    lastActiveAt: Date.parse('2026-01-01T10:05:00Z'),
    sourceIp: '127.0.0.1',
    userAgent: 'wscat/5',
    send,
    close: (why) => closes.push(why),
  });
  let endpoint: EndpointServer;
  let client: ApiGatewayManagementApiClient;
  const clientFor = (path: string) =>
    new ApiGatewayManagementApiClient({
      endpoint: `${endpoint.url}${path}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });

  beforeAll(async () => {
    connections.add(open('live+conn=', async (data) => void received.push(data)));
    connections.add(
      open('closing', async () => {
        throw new Error('closed meanwhile');
      }),
    );
    endpoint = new EndpointServer({ services: [] });
    endpoint.addRoute(new ConnectionsRoute(connections, new Map([['abc1234567', ['dev']]])));
    await endpoint.listen(0);
    client = clientFor('/_ws/abc1234567/dev');
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('PostToConnection delivers the raw bytes, binary ones too', async () => {
    await client.send(new PostToConnectionCommand({ ConnectionId: 'live+conn=', Data: 'hello' }));
    await client.send(
      new PostToConnectionCommand({ ConnectionId: 'live+conn=', Data: new Uint8Array([0, 255, 7]) }),
    );
    expect(received).toEqual([Buffer.from('hello'), Buffer.from([0, 255, 7])]);
  });

  it('GetConnection answers when it connected, was last active and who it is', async () => {
    const found = await client.send(new GetConnectionCommand({ ConnectionId: 'live+conn=' }));
    expect(found).toMatchObject({
      ConnectedAt: new Date('2026-01-01T10:00:00Z'),
      LastActiveAt: new Date('2026-01-01T10:05:00Z'),
      Identity: { SourceIp: '127.0.0.1', UserAgent: 'wscat/5' },
    });
  });

  it('DeleteConnection closes it normally', async () => {
    await client.send(new DeleteConnectionCommand({ ConnectionId: 'live+conn=' }));
    expect(closes).toEqual([{ code: 1000, reason: '', disconnectReason: 'Connection Closed Normally' }]);
  });

  it('answers GoneException for a connection that is not open, or that closes while posting', async () => {
    for (const command of [
      new PostToConnectionCommand({ ConnectionId: 'never-was', Data: 'x' }),
      new GetConnectionCommand({ ConnectionId: 'never-was' }),
      new DeleteConnectionCommand({ ConnectionId: 'never-was' }),
      new PostToConnectionCommand({ ConnectionId: 'closing', Data: 'x' }),
    ])
      await expect(client.send(command as PostToConnectionCommand)).rejects.toBeInstanceOf(GoneException);
  });

  it('refuses a message over 128 KB with PayloadTooLargeException', async () => {
    await expect(
      client.send(
        new PostToConnectionCommand({ ConnectionId: 'live+conn=', Data: 'x'.repeat(128 * 1024 + 1) }),
      ),
    ).rejects.toBeInstanceOf(PayloadTooLargeException);
  });

  it('answers ForbiddenException for an API or a stage it does not serve', async () => {
    for (const path of ['/_ws/nosuchapi0/dev', '/_ws/abc1234567/prod', '/_ws/abc1234567/dev/extra']) {
      const other = clientFor(path);
      try {
        await expect(
          other.send(new GetConnectionCommand({ ConnectionId: 'live+conn=' })),
        ).rejects.toBeInstanceOf(ForbiddenException);
      } finally {
        other.destroy();
      }
    }
  });
});
