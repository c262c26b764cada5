import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { quotaPeriodStart } from '../../../apigateway/usage-plans';
import {
  ApiBuilder,
  echo,
  eventOf,
  fakeLambda,
  manualClock,
  resolved,
  Servers,
} from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

function build(
  plan: Record<string, unknown>,
  stages: Array<Record<string, unknown>> = [{ ApiId: 'api0001', Stage: 'v1' }],
) {
  const builder = new ApiBuilder()
    .proxy('/orders', 'GET', 'list', { ApiKeyRequired: true })
    .proxy('/orders', 'POST', 'place', { ApiKeyRequired: true })
    .proxy('/open', 'GET', 'open')
    .stage('v1')
    .stage('v2');
  builder.resources.push(
    resolved('ApiKey', 'KeyA', 'keyid-a', { Value: 'secret-a-0123456789abcdef', Enabled: true }),
    resolved('ApiKey', 'KeyB', 'keyid-b', { Value: 'secret-b-0123456789abcdef', Enabled: false }),
    resolved('ApiKey', 'KeyC', 'keyid-c', { Value: 'secret-c-0123456789abcdef' }),
    resolved('UsagePlan', 'Plan', 'plan1', { ApiStages: stages, ...plan }),
    resolved('UsagePlanKey', 'PlanKeyA', 'pk-a', {
      KeyId: 'keyid-a',
      KeyType: 'API_KEY',
      UsagePlanId: 'plan1',
    }),
    resolved('UsagePlanKey', 'PlanKeyB', 'pk-b', {
      KeyId: 'keyid-b',
      KeyType: 'API_KEY',
      UsagePlanId: 'plan1',
    }),
  );
  return builder.build();
}

async function start(plan: Record<string, unknown> = {}, stages?: Array<Record<string, unknown>>) {
  const clock = manualClock();
  const lambda = fakeLambda(echo);
  const url = await servers.start(build(plan, stages), { lambda, now: clock.now });
  const call = async (key: string | undefined, path = '/v1/orders', method = 'GET') => {
    const response = await fetch(`${url}${path}`, { method, headers: key ? { 'x-api-key': key } : {} });
    return { status: response.status, body: await response.text() };
  };
  return { clock, lambda, call };
}

describe('API keys', () => {
  it('let a request with an enabled key of a plan bound to the stage through, and fill identity', async () => {
    const { call, lambda } = await start();
    expect((await call('secret-a-0123456789abcdef')).status).toBe(200);
    const event = eventOf(lambda);
    expect(APIGatewayProxyEventSchema.safeParse(event).success).toBe(true);
    expect(event.requestContext.identity).toMatchObject({
      apiKey: 'secret-a-0123456789abcdef',
      apiKeyId: 'keyid-a',
    });
  });

  it.each([
    ['no key', undefined],
    ['an unknown key', 'nope'],
    ['a disabled key', 'secret-b-0123456789abcdef'],
    ['a key in no usage plan', 'secret-c-0123456789abcdef'],
  ])('refuse %s with 403 Forbidden', async (_name, key) => {
    const { call, lambda } = await start();
    expect(await call(key)).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(lambda.calls).toHaveLength(0);
  });

  it('refuse a key whose plan is not bound to the request stage', async () => {
    const { call } = await start();
    expect((await call('secret-a-0123456789abcdef', '/v2/orders')).status).toBe(403);
  });

  it('are not needed by methods without ApiKeyRequired', async () => {
    const { call, lambda } = await start();
    expect((await call(undefined, '/v1/open')).status).toBe(200);
    expect(eventOf(lambda).requestContext.identity.apiKey).toBeUndefined();
  });
});

describe('usage plans', () => {
  const KEY = 'secret-a-0123456789abcdef';

  it('throttle per key with the plan throttle (429 Too Many Requests)', async () => {
    const { call, clock } = await start({ Throttle: { RateLimit: 1, BurstLimit: 2 } });
    expect([(await call(KEY)).status, (await call(KEY)).status]).toEqual([200, 200]);
    expect(await call(KEY)).toEqual({ status: 429, body: '{"message":"Too Many Requests"}' });
    clock.advance(1_000);
    expect((await call(KEY)).status).toBe(200);
  });

  it('throttle a method with the stage method throttle of the plan instead', async () => {
    const { call } = await start({ Throttle: { RateLimit: 100, BurstLimit: 100 } }, [
      { ApiId: 'api0001', Stage: 'v1', Throttle: { '/orders/POST': { RateLimit: 1, BurstLimit: 1 } } },
    ]);
    expect((await call(KEY, '/v1/orders', 'POST')).status).toBe(200);
    expect((await call(KEY, '/v1/orders', 'POST')).status).toBe(429);
    expect((await call(KEY, '/v1/orders', 'GET')).status).toBe(200);
  });

  it('enforce the quota per period (429 Limit Exceeded) and reset it with the next period', async () => {
    const { call, clock } = await start({ Quota: { Limit: 2, Period: 'DAY' } });
    expect([(await call(KEY)).status, (await call(KEY)).status]).toEqual([200, 200]);
    expect(await call(KEY)).toEqual({ status: 429, body: '{"message":"Limit Exceeded"}' });
    clock.advance(24 * 3_600_000);
    expect((await call(KEY)).status).toBe(200);
  });

  it('start quota periods at UTC midnight, on the offset weekday, on the offset day of the month', () => {
    const wednesdayNoon = Date.UTC(2025, 0, 15, 12); // 15 Jan 2025 was a Wednesday
    expect(quotaPeriodStart({ limit: 1, period: 'DAY', offset: 0 }, wednesdayNoon)).toBe(
      Date.UTC(2025, 0, 15),
    );
    expect(quotaPeriodStart({ limit: 1, period: 'WEEK', offset: 0 }, wednesdayNoon)).toBe(
      Date.UTC(2025, 0, 12),
    );
    expect(quotaPeriodStart({ limit: 1, period: 'WEEK', offset: 1 }, wednesdayNoon)).toBe(
      Date.UTC(2025, 0, 13),
    );
    expect(quotaPeriodStart({ limit: 1, period: 'MONTH', offset: 0 }, wednesdayNoon)).toBe(
      Date.UTC(2025, 0, 1),
    );
    expect(quotaPeriodStart({ limit: 1, period: 'MONTH', offset: 19 }, wednesdayNoon)).toBe(
      Date.UTC(2024, 11, 20),
    );
  });
});
