import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { TargetDeliveryError } from '../../../../eventbridge';
import { functionArn, queueArn, rule, startEventBridge, type TestCloud } from './eventbridge-test-kit';

const FN = functionArn('flaky');
const DLQ = queueArn('events-dlq');
const RULE_ARN = 'arn:aws:events:us-east-1:000000000000:rule/Flaky';
let cloud: TestCloud;

async function start(target: Record<string, unknown>, options: Parameters<typeof startEventBridge>[1] = {}) {
  cloud = await startEventBridge(
    [
      rule('Flaky', {
        EventPattern: { source: ['shop.orders'] },
        Targets: [{ Id: 'fn', Arn: FN, ...target }],
      }),
    ],
    options,
  );
}

async function putOne(): Promise<void> {
  await cloud.client.send(
    new PutEventsCommand({
      Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"id":"o-1"}' }],
    }),
  );
  await cloud.service.drain();
}

const attemptsOn = (arn: string): number =>
  cloud.dispatcher.attempts.filter((target) => target === arn).length;

afterEach(() => cloud.close());

describe('retries and dead-letter queues', () => {
  it('retries a failing target and succeeds within MaximumRetryAttempts', async () => {
    await start({ RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: DLQ } });
    cloud.dispatcher.fail(FN, 2);
    await putOne();
    expect(attemptsOn(FN)).toBe(3);
    expect(cloud.dispatcher.invocations).toHaveLength(1);
    expect(cloud.dispatcher.messages).toEqual([]);
  });

  it('sends the event to the DLQ with EventBridge attributes once the retries run out', async () => {
    await start({ RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: DLQ } });
    cloud.dispatcher.fail(FN, Number.POSITIVE_INFINITY, () => new Error('Lambda is unavailable'));
    await putOne();

    expect(attemptsOn(FN)).toBe(3);
    const [dead] = cloud.dispatcher.messages;
    expect(dead?.queueArn).toBe(DLQ);
    expect(JSON.parse(dead?.body ?? '')).toMatchObject({ source: 'shop.orders', detail: { id: 'o-1' } });
    expect(dead?.options.messageAttributes).toEqual({
      RULE_ARN: RULE_ARN,
      TARGET_ARN: FN,
      ERROR_CODE: 'SDK_CLIENT_ERROR',
      ERROR_MESSAGE: 'Lambda is unavailable',
      RETRY_ATTEMPTS: '2',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
    });
    expect(cloud.traces).toContain(
      `event shop.orders/OrderPlaced -> rule Flaky -> target ${FN} -> dead-letter queue ${DLQ} (MaximumRetryAttempts)`,
    );
  });

  it('waits with the configured backoff between attempts', async () => {
    const waits: number[] = [];
    await start(
      { RetryPolicy: { MaximumRetryAttempts: 3 } },
      {
        retryDelayMs: (retry) => {
          waits.push(retry);
          return 1;
        },
      },
    );
    cloud.dispatcher.fail(FN);
    await putOne();
    expect(waits).toEqual([1, 2, 3]);
  });

  it("treats Lambda's ResourceNotFoundException as a missing target: no retries", async () => {
    await start({ DeadLetterConfig: { Arn: DLQ } });
    const notFound = Object.assign(new Error('Function not found: flaky'), {
      name: 'ResourceNotFoundException',
    });
    cloud.dispatcher.fail(FN, 1, () => notFound);
    await putOne();
    expect(attemptsOn(FN)).toBe(1);
    expect(cloud.dispatcher.messages[0]?.options.messageAttributes).toMatchObject({
      ERROR_CODE: 'NO_RESOURCE',
    });
  });

  it('skips the retries for a target that does not exist', async () => {
    await start({ DeadLetterConfig: { Arn: DLQ } });
    cloud.dispatcher.fail(FN, 1, () => new TargetDeliveryError('NO_RESOURCE', 'Function not found', false));
    await putOne();
    expect(attemptsOn(FN)).toBe(1);
    const attributes = cloud.dispatcher.messages[0]?.options.messageAttributes;
    expect(attributes).toMatchObject({ ERROR_CODE: 'NO_RESOURCE', RETRY_ATTEMPTS: '0' });
    expect(attributes).not.toHaveProperty('EXHAUSTED_RETRY_CONDITION');
  });

  it('stops retrying when the event would outlive MaximumEventAgeInSeconds', async () => {
    let clock = Date.parse('2024-01-01T00:00:00Z');
    await start(
      { RetryPolicy: { MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: DLQ } },
      { now: () => clock, retryDelayMs: () => 0 },
    );
    // Every failed attempt takes 25 s of the event's age: attempts at 0 s, 25 s, 50 s; the next would be at 75 s.
    cloud.dispatcher.fail(FN, Number.POSITIVE_INFINITY, () => {
      clock += 25_000;
      return new Error('slow');
    });
    await putOne();
    expect(attemptsOn(FN)).toBe(3);
    expect(cloud.dispatcher.messages[0]?.options.messageAttributes).toMatchObject({
      EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds',
      RETRY_ATTEMPTS: '2',
    });
  });

  it('drops the event with a warning when the target has no DLQ', async () => {
    await start({ RetryPolicy: { MaximumRetryAttempts: 0 } });
    cloud.dispatcher.fail(FN);
    await putOne();
    expect(cloud.dispatcher.messages).toEqual([]);
    expect(cloud.warnings).toEqual([
      `event shop.orders/OrderPlaced -> rule Flaky -> target ${FN}: dropped (MaximumRetryAttempts: target unavailable); the target has no dead-letter queue`,
    ]);
  });

  it('gives up pending retries on close, leaving nothing running', async () => {
    await start({}, { retryDelayMs: () => 60_000 });
    cloud.dispatcher.fail(FN);
    await cloud.client.send(
      new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }] }),
    );
    // The first attempt has happened (and failed) once the put returns or soon after: wait for it, not a time.
    const deadline = Date.now() + 5_000;
    while (attemptsOn(FN) < 1 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    await cloud.service.close();
    expect(attemptsOn(FN)).toBe(1);
    expect(cloud.dispatcher.messages).toEqual([]);
  });
});
