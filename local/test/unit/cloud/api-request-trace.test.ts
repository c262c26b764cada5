import { HttpApiServer } from '../../../apigatewayv2/http-api-server';
import type { CloudContext } from '../../../cloud/cloud-context';
import { startRestApis } from '../../../cloud/start-rest-apis';
import { Stoppers } from '../../../cloud/stoppers';
import { TraceRing } from '../../../console/trace-ring';
import { traceSink } from '../../../console/trace-sink';
import type { InvokeResult, LambdaService } from '../../../lambda/types';
import { RequestsInFlight } from '../../../shared/requests-in-flight';
import { ApiBuilder, fakeLambda } from '../../helpers/apigateway-fixtures';

/**
 * An API request on the console's timeline as a record of its own (`request`): method, path, status and
 * latency as fields, the correlation id from the function's answer or else the request, and the
 * `--trace` line printed exactly as before.
 */
const stoppers = new Stoppers();
afterEach(() => stoppers.stopAll());

/** A function that answers 202, with `X-Correlation-Id: <answered>` when given one. */
const answering = (answered?: string) =>
  fakeLambda(() => ({
    statusCode: 202,
    headers: answered ? { 'X-Correlation-Id': answered } : {},
    body: '{}',
  }));

async function restApi(lambda: LambdaService) {
  const printed: string[] = [];
  const ring = new TraceRing(50);
  const record = traceSink((line) => printed.push(line), ring);
  if (!record) throw new Error('no sink');
  const context: CloudContext = {
    resources: new ApiBuilder().proxy('/orders', 'POST', 'place-order').stage('v1').resources,
    stoppers,
    warnings: [],
    record,
    requests: new RequestsInFlight(),
  };
  const { apis } = await startRestApis(context, lambda, '127.0.0.1', 0, [], { verify: () => undefined });
  const post = async (headers: Record<string, string> = {}) =>
    (await fetch(`${apis[0]?.stageUrls[0]}orders`, { method: 'POST', headers, body: '{}' })).text();
  const requests = () => ring.after(0).filter((r) => r.kind === 'request');
  return { post, printed, requests };
}

describe('a REST API request on the timeline', () => {
  it("is a `request` record with its facts and the function's correlation id; the line is unchanged", async () => {
    const api = await restApi(answering('made-by-fn'));
    await api.post({ 'X-Correlation-Id': 'sent-by-caller' });
    expect(api.requests()).toEqual([
      expect.objectContaining({
        kind: 'request',
        api: 'test-api',
        method: 'POST',
        path: '/v1/orders',
        status: 202,
        durationMs: expect.any(Number),
        correlationId: 'made-by-fn',
      }),
    ]);
    expect(api.printed).toEqual([
      expect.stringMatching(
        /^api {6}test-api: \S+ - - \[.+\] "POST \/orders HTTP\/1\.1" 202 2 [0-9a-f-]{36}$/,
      ),
    ]);
  });

  it("takes the request's header when the function answered without one", async () => {
    const api = await restApi(answering());
    await api.post({ 'x-correlation-id': 'sent-by-caller' });
    expect(api.requests()[0]?.correlationId).toBe('sent-by-caller');
  });

  it('has no correlation id when neither side named one', async () => {
    const api = await restApi(answering());
    await api.post({ 'X-Correlation-Id': 'not a safe id' });
    expect(api.requests()[0]).toMatchObject({ kind: 'request', status: 202 });
    expect(api.requests()[0]?.correlationId).toBeUndefined();
  });
});

describe('an HTTP API request on the timeline', () => {
  const servers: HttpApiServer[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((server) => server.close())));

  async function httpApi(payload: unknown) {
    const lambda: LambdaService = {
      invoke: async (): Promise<InvokeResult> => ({ ok: true, payload, durationMs: 1 }),
      invokeAsync: async () => undefined,
    };
    const facts: unknown[] = [];
    const server = new HttpApiServer(
      {
        stackName: 'Stack',
        logicalId: 'Api',
        id: 'a1b2c3d4e5',
        name: 'api',
        protocol: 'HTTP',
        routes: [
          {
            key: 'POST /orders',
            integration: { functionArn: 'fn', payloadFormatVersion: '2.0', timeoutMs: 30_000 },
            authorization: { type: 'NONE' },
          },
        ],
        stages: [{ name: '$default', variables: {}, routeThrottles: new Map() }],
        warnings: [],
      },
      { lambda, region: 'us-east-1', accountId: '000000000000', onAccessLog: (_line, f) => facts.push(f) },
    );
    servers.push(server);
    const base = await server.listen();
    return { base, facts };
  }

  it('hands over method, path, status, latency and the correlation id', async () => {
    const { base, facts } = await httpApi({ statusCode: 201, headers: { 'x-correlation-id': 'h-1' } });
    await (await fetch(`${base}/orders`, { method: 'POST', body: '{}' })).text();
    await (await fetch(`${base}/missing`, { headers: { 'X-Correlation-Id': 'h-2' } })).text();
    expect(facts).toEqual([
      { method: 'POST', path: '/orders', status: 201, latencyMs: expect.any(Number), correlationId: 'h-1' },
      { method: 'GET', path: '/missing', status: 404, latencyMs: expect.any(Number), correlationId: 'h-2' },
    ]);
  });
});
