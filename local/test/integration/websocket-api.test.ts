import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildWebSocketApp } from '../fixtures/websocket-app/app';
import { connect, refusal, type TestSocket } from '../helpers/websocket-client';

/**
 * The WebSocket fixture app (two WebSocket APIs, test/fixtures/websocket-app) on the local cloud, driven
 * by a real `ws` client; its function calls the `@connections` API with the real SDK. The idle timeout
 * and the maximum duration are shortened so that AWS's behaviour at each can be seen in seconds.
 */
const IDLE_MS = 4_000;
const MAX_MS = 9_000;

let cloud: LocalCloud;
let workDir: string;
const trace: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-ws-'));
  const assemblyDir = path.join(workDir, 'cdk.out');
  buildWebSocketApp(assemblyDir).synth();
  cloud = await LocalCloud.start({
    assemblyDir,
    apiBasePort: 0,
    endpointPort: 0,
    trace: (line) => trace.push(line),
    webSocket: { idleTimeoutMs: IDLE_MS, maxConnectionMs: MAX_MS },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const outputs = () => cloud.outputs.WebSocketFixture ?? {};
const wsUrl = (query = 'token=good') => `${outputs().WsUrl}?${query}`;

/** An event as the function logged it. */
interface LoggedEvent {
  readonly requestContext: Record<string, unknown>;
  readonly headers?: unknown;
}

/** The events the function logged for a connection (`WS-EVENT <json>` lines on the trace). */
function eventsOf(connectionId: string): LoggedEvent[] {
  return trace
    .map((line) => /WS-EVENT (\{.*\})\s*$/.exec(line)?.[1])
    .filter((json): json is string => json !== undefined)
    .map((json) => JSON.parse(json) as LoggedEvent)
    .filter((event) => event.requestContext.connectionId === connectionId);
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('not within the time allowed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const disconnectOf = (connectionId: string) =>
  eventually(() => eventsOf(connectionId).find((event) => event.requestContext.eventType === 'DISCONNECT'));

/** Connects with a good token and learns the connection's id from `echo`. */
async function connected(): Promise<{ socket: TestSocket; id: string }> {
  const socket = await connect(wsUrl(), { 'User-Agent': 'fixture-client/1.0' });
  socket.send({ action: 'echo', data: 'who am i' });
  const { connectionId } = JSON.parse(await socket.next());
  return { socket, id: connectionId };
}

describe('WebSocket APIs on the local cloud', () => {
  it('writes the stage URL, the endpoint and the management URL as local addresses', () => {
    const port = new URL(String(outputs().WsUrl)).port;
    expect(outputs()).toMatchObject({
      WsUrl: `ws://127.0.0.1:${port}/dev`,
      WsApiEndpoint: `ws://127.0.0.1:${port}`,
      WsCallbackUrl: `http://127.0.0.1:${port}/dev`,
      PlainUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/live$/),
    });
    expect(cloud.apis.find((api) => api.name === 'fixture-ws')?.stageUrls).toEqual([
      `ws://127.0.0.1:${port}/dev`,
    ]);
    expect(cloud.warnings.filter((warning) => /WebSocket|ApiGatewayV2|fixture-ws/.test(warning))).toEqual([
      'WebSocketFixture/Plain295EB121: stage live: throttling is not applied to WebSocket APIs',
    ]);
  });

  it('routes by the body, answers two-way routes, and gives every event the authorizer context', async () => {
    const socket = await connect(wsUrl('token=good&lang=en'), { 'User-Agent': 'fixture-client/1.0' });
    try {
      socket.send({ action: 'echo', data: 'hello' });
      const echoed = JSON.parse(await socket.next());
      expect(echoed).toEqual({
        routeKey: 'echo',
        data: 'hello',
        connectionId: expect.stringMatching(/^[A-Za-z0-9+]{15}=$/),
        authorizer: {
          user: 'alice',
          tier: '3',
          principalId: 'alice',
          integrationLatency: expect.any(Number),
        },
      });
      socket.send('plain text, not JSON');
      expect(JSON.parse(await socket.next())).toEqual({
        routeKey: '$default',
        received: 'plain text, not JSON',
        isBase64Encoded: false,
      });
      socket.send({ action: 'nothing-by-that-name' });
      expect(JSON.parse(await socket.next())).toMatchObject({ routeKey: '$default' });

      const [connected, message] = eventsOf(echoed.connectionId);
      expect(connected).toMatchObject({
        headers: expect.objectContaining({
          'User-Agent': 'fixture-client/1.0',
          'Sec-WebSocket-Version': '13',
          Connection: 'Upgrade',
          'X-Forwarded-For': '127.0.0.1',
          'X-Forwarded-Proto': 'http',
          'X-Forwarded-Port': new URL(String(outputs().WsUrl)).port,
          'X-Amzn-Trace-Id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
        }),
        multiValueHeaders: expect.objectContaining({ 'User-Agent': ['fixture-client/1.0'] }),
        queryStringParameters: { token: 'good', lang: 'en' },
        multiValueQueryStringParameters: { token: ['good'], lang: ['en'] },
        isBase64Encoded: false,
        requestContext: {
          routeKey: '$connect',
          eventType: 'CONNECT',
          messageDirection: 'IN',
          stage: 'dev',
          apiId: outputs().WsApiId,
          connectionId: echoed.connectionId,
          // The API's TLS listener: https://${domainName}/${stage} is its @connections API.
          domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
          identity: { sourceIp: '127.0.0.1', userAgent: 'fixture-client/1.0' },
          authorizer: { user: 'alice', tier: '3', principalId: 'alice' },
          connectedAt: expect.any(Number),
          requestTimeEpoch: expect.any(Number),
          requestId: expect.any(String),
          extendedRequestId: expect.any(String),
        },
      });
      expect(connected?.requestContext.messageId).toBeUndefined();
      expect(message).toMatchObject({
        body: JSON.stringify({ action: 'echo', data: 'hello' }),
        isBase64Encoded: false,
        requestContext: {
          routeKey: 'echo',
          eventType: 'MESSAGE',
          messageId: expect.any(String),
          connectedAt: connected?.requestContext.connectedAt,
          authorizer: { user: 'alice', tier: '3', principalId: 'alice' },
        },
      });
      expect(message?.headers).toBeUndefined();
    } finally {
      socket.ws.close();
    }
  });

  it('sends nothing back from a one-way route, and "Internal server error" when the function fails', async () => {
    const { socket, id } = await connected();
    try {
      socket.send({ action: 'quiet' });
      socket.send({ action: 'boom' });
      expect(JSON.parse(await socket.next())).toEqual({
        message: 'Internal server error',
        connectionId: id,
        requestId: expect.any(String),
      });
      // The quiet route ran (its event is there) and its answer was dropped.
      expect(eventsOf(id).map((event) => event.requestContext.routeKey)).toContain('quiet');
    } finally {
      socket.ws.close();
    }
  });

  it('tells the client when the integration outlives its timeout', async () => {
    const { socket, id } = await connected();
    try {
      socket.send({ action: 'slow' });
      expect(JSON.parse(await socket.next())).toEqual({
        message: 'Endpoint request timed out',
        connectionId: id,
        requestId: expect.any(String),
      });
    } finally {
      socket.ws.close();
    }
  });

  it('runs $disconnect for a client that vanishes without a close frame', async () => {
    const { socket, id } = await connected();
    socket.ws.terminate();
    expect((await disconnectOf(id)).requestContext).toMatchObject({ disconnectStatusCode: 1006 });
  });

  it('answers a message no route takes with Forbidden on an API without $default', async () => {
    const socket = await connect(String(outputs().PlainUrl));
    try {
      socket.send({ action: 'echo', data: 1 });
      const { connectionId } = JSON.parse(await socket.next());
      socket.send({ action: 'elsewhere' });
      expect(JSON.parse(await socket.next())).toEqual({
        message: 'Forbidden',
        connectionId,
        requestId: expect.any(String),
      });
      socket.send('not JSON at all');
      expect(JSON.parse(await socket.next())).toMatchObject({ message: 'Forbidden', connectionId });
    } finally {
      socket.ws.close();
    }
  });

  it('lets the function post to its connection, read it and delete it with the SDK', async () => {
    const { socket, id } = await connected();
    socket.send({ action: 'manage', op: 'post', data: 'pushed by the function' });
    expect(await socket.next()).toBe('pushed by the function');
    expect(JSON.parse(await socket.next())).toEqual({ op: 'post', ok: true });

    socket.send({ action: 'manage', op: 'get' });
    const got = JSON.parse(await socket.next());
    expect(got).toEqual({
      op: 'get',
      connectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastActiveAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      identity: { SourceIp: '127.0.0.1', UserAgent: 'fixture-client/1.0' },
    });
    expect(Date.parse(got.lastActiveAt)).toBeGreaterThan(Date.parse(got.connectedAt));

    socket.send({ action: 'manage', op: 'delete' });
    expect(await socket.closed).toMatchObject({ code: 1000 });
    expect((await disconnectOf(id)).requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 1000,
      disconnectReason: 'Connection Closed Normally',
      authorizer: { user: 'alice', principalId: 'alice' },
    });
  });

  it('lets the function reach the @connections API at https://<domainName>/<stage>, as apps do on AWS', async () => {
    const { socket, id } = await connected();
    try {
      socket.send({ action: 'manage', via: 'domain', op: 'post', data: 'pushed over TLS' });
      expect(await socket.next()).toBe('pushed over TLS');
      expect(JSON.parse(await socket.next())).toEqual({ op: 'post', ok: true });
      socket.send({ action: 'manage', via: 'domain', op: 'get' });
      expect(JSON.parse(await socket.next())).toMatchObject({
        op: 'get',
        identity: { SourceIp: '127.0.0.1', UserAgent: 'fixture-client/1.0' },
      });
      const { domainName } = eventsOf(id)[0]?.requestContext ?? {};
      expect(domainName).not.toBe(new URL(String(outputs().WsUrl)).host);
    } finally {
      socket.ws.close();
    }
  });

  it('answers GoneException for a connection the client closed, in the function and from outside', async () => {
    const gone = await connected();
    gone.socket.ws.close(4000, 'bye');
    expect((await disconnectOf(gone.id)).requestContext).toMatchObject({
      disconnectStatusCode: 4000,
      disconnectReason: 'bye',
    });
    const { socket } = await connected();
    try {
      socket.send({ action: 'manage', op: 'post', target: gone.id, data: 'too late' });
      expect(JSON.parse(await socket.next())).toEqual({ op: 'post', error: 'GoneException', status: 410 });
      socket.send({ action: 'manage', op: 'get', target: gone.id });
      expect(JSON.parse(await socket.next())).toMatchObject({ error: 'GoneException' });
    } finally {
      socket.ws.close();
    }
    const client = new ApiGatewayManagementApiClient({
      endpoint: `${cloud.endpoint}/_ws/${outputs().WsApiId}/dev`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await expect(
        client.send(new PostToConnectionCommand({ ConnectionId: gone.id, Data: 'x' })),
      ).rejects.toBeInstanceOf(GoneException);
    } finally {
      client.destroy();
    }
  });

  it('serves the @connections API on the endpoint too, for a client outside the cloud', async () => {
    const { socket, id } = await connected();
    const client = new ApiGatewayManagementApiClient({
      endpoint: `${cloud.endpoint}/_ws/${outputs().WsApiId}/dev`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await client.send(
        new PostToConnectionCommand({ ConnectionId: id, Data: new TextEncoder().encode('hi') }),
      );
      expect(await socket.next()).toBe('hi');
      const found = await client.send(new GetConnectionCommand({ ConnectionId: id }));
      expect(found.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'fixture-client/1.0' });
      expect(found.ConnectedAt).toBeInstanceOf(Date);
    } finally {
      client.destroy();
      socket.ws.close();
    }
  });

  it('refuses the handshake as the authorizer and $connect decide', async () => {
    expect(await refusal(wsUrl(''))).toBe(401); // no identity source: the authorizer is not called
    expect(await refusal(wsUrl('token=stranger'))).toBe(401); // the authorizer failed with Unauthorized
    expect(await refusal(wsUrl('token=deny'))).toBe(403);
    expect(await refusal(wsUrl('token=boom'))).toBe(500);
    expect(await refusal(wsUrl('token=good&connect=refuse'))).toBe(409);
    expect(await refusal(wsUrl('token=good&connect=throw'))).toBe(502);
    expect(await refusal(String(outputs().WsUrl).replace(/\/dev$/, '/nostage?token=good'))).toBe(403);
  });

  it('names the subprotocol only when $connect returned it, as API Gateway does', async () => {
    const chat = await connect(wsUrl(), {}, ['chat.v1', 'chat.v0']);
    expect(chat.ws.protocol).toBe('chat.v1');
    chat.ws.close();
    // The function accepted no subprotocol: the client that insisted on one fails the handshake.
    await expect(connect(wsUrl(), {}, ['mqtt'])).rejects.toThrow(/no subprotocol/i);
  });

  it('closes a connection over 128 KB with 1009', async () => {
    const { socket, id } = await connected();
    socket.send({ action: 'echo', data: 'x'.repeat(128 * 1024) });
    expect(await socket.closed).toMatchObject({ code: 1009 });
    expect((await disconnectOf(id)).requestContext.disconnectStatusCode).toBe(1009);
  });

  it('closes an idle connection as going away after the idle timeout', async () => {
    const { socket, id } = await connected();
    const lastActive = Date.now();
    const closed = await socket.closed;
    expect(closed).toMatchObject({ code: 1001, reason: 'Going away' });
    expect(closed.at - lastActive).toBeGreaterThanOrEqual(IDLE_MS - 200);
    expect((await disconnectOf(id)).requestContext).toMatchObject({
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
    });
  }, 30_000);

  it('closes a busy connection at the maximum duration', async () => {
    const opened = Date.now();
    const { socket, id } = await connected();
    const busy = setInterval(() => socket.send({ action: 'quiet' }), 1_000);
    try {
      const closed = await socket.closed;
      expect(closed).toMatchObject({ code: 1001, reason: 'Going away' });
      expect(closed.at - opened).toBeGreaterThanOrEqual(MAX_MS - 200);
      expect((await disconnectOf(id)).requestContext.disconnectStatusCode).toBe(1001);
    } finally {
      clearInterval(busy);
    }
  }, 40_000);

  it('shows connects, messages and disconnects on the trace', () => {
    const lines = trace.filter((line) => line.startsWith('ws       fixture-ws: '));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ws {7}fixture-ws: 127\.0\.0\.1 \S+ \[[^\]]+\] "CONNECT \$connect" 200$/),
        expect.stringMatching(/"MESSAGE echo" integration ok in \d+ ms$/),
        expect.stringMatching(/"MESSAGE boom" integration failed: Unhandled Error in \d+ ms$/),
        expect.stringMatching(/"CONNECT \$connect" 403 Forbidden \(authorizer\)$/),
        expect.stringMatching(/"PostToConnection \/dev" 200$/),
        expect.stringMatching(/"GetConnection \/dev" 410$/),
        expect.stringMatching(
          /"DISCONNECT \$disconnect" 1000 Connection Closed Normally, integration ok in \d+ ms$/,
        ),
      ]),
    );
  });

  it('disconnects open connections when the cloud stops, and runs $disconnect', async () => {
    const { socket, id } = await connected();
    await cloud.stop();
    expect(await socket.closed).toMatchObject({ code: 1001 });
    expect((await disconnectOf(id)).requestContext.disconnectReason).toBe('Going away');
  });
});
