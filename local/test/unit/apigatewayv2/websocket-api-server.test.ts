import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { buildApisV2 } from '../../../apigatewayv2/http-api-model';
import { WebSocketApiServer, type WebSocketTraceFacts } from '../../../apigatewayv2/websocket-api-server';
import { WebSocketConnections } from '../../../apigatewayv2/websocket-connections';
import type { LambdaService } from '../../../lambda/types';
import { RequestsInFlight } from '../../../shared/requests-in-flight';
import { stackWithFunction } from '../../helpers/cdk-stack';
import { connect, refusal } from '../../helpers/websocket-client';

/**
 * One WebSocket API in process, in front of a fake Lambda that records its events: what the listener
 * answers besides a routed message (plain HTTP, other paths), an API without `$connect`, binary frames.
 */
const built = stackWithFunction('WsServerTest');
const api = new apigwv2.WebSocketApi(built.stack, 'Ws', {
  apiName: 'ws',
  defaultRouteOptions: {
    integration: new integrations.WebSocketLambdaIntegration('CatchAll', built.fn),
    returnResponse: true,
  },
});
new apigwv2.WebSocketStage(built.stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });

const events: Array<{ requestContext: Record<string, unknown>; body?: string; isBase64Encoded?: boolean }> =
  [];
const requests = new RequestsInFlight();
/** How many requests were in flight as each invocation ran. */
const inFlightAtInvoke: number[] = [];
const lambda: LambdaService = {
  invoke: async (_arn, event) => {
    events.push(event as (typeof events)[number]);
    inFlightAtInvoke.push(requests.inFlight);
    return { ok: true, payload: { statusCode: 200, body: 'answered' }, durationMs: 1 };
  },
  invokeAsync: async () => undefined,
};
const connections = new WebSocketConnections();
const traced: Array<{ line: string; facts?: WebSocketTraceFacts }> = [];
let server: WebSocketApiServer;
let base: string;

beforeAll(async () => {
  const [model] = buildApisV2(built.resolve()).filter((m) => m.protocol === 'WEBSOCKET');
  if (!model) throw new Error('no WebSocket API in the stack');
  server = new WebSocketApiServer(model, {
    lambda,
    region: 'us-east-1',
    accountId: '000000000000',
    connections,
    requestsInFlight: requests,
    onTrace: (line, facts) => traced.push({ line, facts }),
  });
  base = await server.listen(0);
}, 60_000);

afterAll(() => server.close());

describe('a WebSocket API listener', () => {
  it('accepts a connection without a $connect route, calling nothing, and routes a binary frame to $default', async () => {
    const socket = await connect(server.stageUrl('dev'));
    try {
      expect(events).toEqual([]);
      socket.ws.send(Buffer.from([0, 1, 2, 255]));
      expect(await socket.next()).toBe('answered');
      expect(events[0]).toMatchObject({
        body: 'AAEC/w==',
        isBase64Encoded: true,
        requestContext: { routeKey: '$default', eventType: 'MESSAGE' },
      });
    } finally {
      socket.ws.close();
    }
  });

  it('counts a message as a request in flight while its function runs, and no longer once answered', () => {
    expect(inFlightAtInvoke).toEqual([1]);
    expect(requests.inFlight).toBe(0);
  });

  it("tells each trace line's event, route and connection for the console", async () => {
    const socket = await connect(server.stageUrl('dev'));
    try {
      socket.ws.send('hello');
      await socket.next();
    } finally {
      socket.ws.close();
    }
    const message = traced.filter((t) => t.facts?.event === 'MESSAGE').at(-1);
    expect(message?.facts).toEqual({
      event: 'MESSAGE',
      routeKey: '$default',
      connectionId: expect.any(String),
    });
    // The line as it always was, about the same connection.
    expect(message?.line).toContain(` ${message?.facts?.connectionId} [`);
    expect(message?.line).toContain('"MESSAGE $default" ');
    expect(await refusal(server.stageUrl('prod'))).toBe(403);
    // Refused before it had an id: no connection to name.
    expect(traced.filter((t) => t.facts?.event === 'CONNECT').at(-1)?.facts).toEqual({
      event: 'CONNECT',
      routeKey: '-',
    });
  });

  it('refuses a handshake outside its stages with 403', async () => {
    expect(await refusal(`${server.stageUrl('dev')}/deeper`)).toBe(403);
    expect(await refusal(server.stageUrl('prod'))).toBe(403);
    expect(await refusal(server.stageUrl('dev').replace(/\/dev$/, '/'))).toBe(403);
  });

  it('answers plain HTTP only on its stages` @connections paths', async () => {
    const forbidden = await fetch(`${base}/dev`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ message: 'Forbidden' });
    expect((await fetch(`${base}/prod/@connections/abc`, { method: 'POST', body: 'x' })).status).toBe(403);
    const gone = await fetch(`${base}/dev/@connections/abc`, { method: 'POST', body: 'x' });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('x-amzn-errortype')).toBe('GoneException');
  });

  it('gives functions the TLS listener as domainName, on another port than the stage URL', () => {
    expect(server.domainName).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.domainName).not.toBe(new URL(server.stageUrl('dev')).host);
  });
});
