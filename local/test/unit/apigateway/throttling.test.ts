import { ACCOUNT_THROTTLE } from '../../../apigateway/build-stages';
import { accountBucket, TokenBucket } from '../../../apigateway/throttling';
import { ApiBuilder, echo, fakeLambda, manualClock, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, clock.now);
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advance(10_000); // refills up to the burst, no further
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
  });

  it('refuses everything with a burst of 0 and is unlimited with an infinite one', () => {
    expect(new TokenBucket({ rateLimit: 100, burstLimit: 0 }).tryTake()).toBe(false);
    const unlimited = new TokenBucket({
      rateLimit: Number.POSITIVE_INFINITY,
      burstLimit: Number.POSITIVE_INFINITY,
    });
    expect(Array.from({ length: 100 }, () => unlimited.tryTake()).every(Boolean)).toBe(true);
  });

  it('defaults the account to 10 000 rps with a burst of 5 000', () => {
    expect(ACCOUNT_THROTTLE).toEqual({ rateLimit: 10_000, burstLimit: 5_000 });
    const clock = manualClock();
    const bucket = accountBucket(clock.now);
    expect(Array.from({ length: 5_000 }, () => bucket.tryTake()).every(Boolean)).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });
});

describe('stage throttling over HTTP', () => {
  const stageSettings = {
    MethodSettings: [
      { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 },
      { HttpMethod: 'GET', ResourcePath: '/~1health', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 100 },
    ],
  };

  async function start(settings: Record<string, unknown> = stageSettings) {
    const clock = manualClock();
    const api = new ApiBuilder()
      .proxy('/orders', 'GET', 'list')
      .proxy('/orders', 'POST', 'place')
      .proxy('/health', 'GET', 'health')
      .stage('v1', settings)
      .add('GatewayResponse', 'g', {
        ResponseType: 'THROTTLED',
        ResponseTemplates: { 'application/json': '{"type":"$context.error.responseType"}' },
      })
      .build();
    const lambda = fakeLambda(echo);
    const url = await servers.start(api, { lambda, now: clock.now });
    const status = async (path: string, method = 'GET') => {
      const response = await fetch(`${url}/v1${path}`, { method });
      await response.arrayBuffer();
      return response.status;
    };
    return { clock, status, lambda, url };
  }

  it('throttles each method with the stage-wide rate and burst (429 THROTTLED)', async () => {
    const { status, clock, url, lambda } = await start();
    expect([await status('/orders'), await status('/orders'), await status('/orders')]).toEqual([
      200, 200, 429,
    ]);
    // Each method has its own bucket.
    expect(await status('/orders', 'POST')).toBe(200);
    clock.advance(1_000);
    expect(await status('/orders')).toBe(200);
    expect(await status('/orders')).toBe(429);
    expect(lambda.calls).toHaveLength(4);
    const throttled = await fetch(`${url}/v1/orders`);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(await throttled.json()).toEqual({ type: 'THROTTLED' });
  });

  it('uses a method setting over the stage-wide one', async () => {
    const { status } = await start();
    const results = [];
    for (let i = 0; i < 10; i += 1) results.push(await status('/health'));
    expect(results.every((code) => code === 200)).toBe(true);
  });

  it('answers API Gateway default body without a custom THROTTLED response', async () => {
    const clock = manualClock();
    const api = new ApiBuilder()
      .proxy('/orders', 'GET', 'list')
      .stage('v1', {
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 0, ThrottlingBurstLimit: 0 },
        ],
      })
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo), now: clock.now });
    const response = await fetch(`${url}/v1/orders`);
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"message":"Too Many Requests"}');
  });

  it('limits only by the account bucket without method settings', async () => {
    const clock = manualClock();
    const api = new ApiBuilder().proxy('/orders', 'GET', 'list').stage('v1').build();
    const shared = new TokenBucket({ rateLimit: 0, burstLimit: 2 }, clock.now);
    const url = await servers.start(api, {
      lambda: fakeLambda(echo),
      now: clock.now,
      accountThrottle: shared,
    });
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await fetch(`${url}/v1/orders`)).status);
    expect(codes).toEqual([200, 200, 429]);
  });
});
