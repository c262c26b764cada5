import { costPerMillionOrders, PLATFORM_LOG_BYTES_PER_INVOCATION } from '../../../bench/cost-model';
import type { Footprint } from '../../../bench/trace-footprint';

const FOOTPRINT: Footprint = {
  apiRequests: { public: 2, internal: 1 },
  lambda: { invocations: 10, gbSeconds: 0.1, byFunction: {} },
  dynamodb: { readUnits: 8, writeUnits: 20, failedWrites: 1, byTable: {} },
  eventsPublished: 5,
  ruleDeliveries: 6,
  sqs: { messages: 6, batches: 4 },
  streamBatches: 7,
  stateTransitions: 7,
  logBytes: { functions: 5_000, accessLogs: 1_000 },
};

const usd = (estimate: ReturnType<typeof costPerMillionOrders>, item: string) =>
  estimate.lines.find((line) => line.item === item)?.usdPerMillionOrders;

describe('costPerMillionOrders', () => {
  it('prices each billed unit of one order at list price, per million orders', () => {
    const estimate = costPerMillionOrders(FOOTPRINT, { type: 'standard', logBytes: 4_000 });
    expect(usd(estimate, 'API Gateway requests')).toBeCloseTo(3 * 3.5, 6);
    expect(usd(estimate, 'Lambda requests')).toBeCloseTo(10 * 0.2, 6);
    expect(usd(estimate, 'Lambda duration')).toBeCloseTo(0.1 * 0.0000133334 * 1e6, 6);
    // A refused conditional write is billed like a write.
    expect(usd(estimate, 'DynamoDB writes')).toBeCloseTo(21 * 0.625, 6);
    expect(usd(estimate, 'DynamoDB reads')).toBeCloseTo(8 * 0.125, 6);
    expect(usd(estimate, 'DynamoDB stream reads (Lambda triggers: free)')).toBe(0);
    expect(usd(estimate, 'EventBridge events')).toBeCloseTo(5, 6);
    // Each message sent once; each batch received and deleted.
    expect(usd(estimate, 'SQS requests')).toBeCloseTo((6 + 2 * 4) * 0.4, 6);
    expect(usd(estimate, 'Step Functions Standard transitions')).toBeCloseTo(7 * 25, 6);
    const logBytes = 5_000 + 1_000 + 4_000 + 10 * PLATFORM_LOG_BYTES_PER_INVOCATION;
    expect(usd(estimate, 'CloudWatch Logs ingested')).toBeCloseTo((logBytes * 1e6 * 0.5) / 1024 ** 3, 6);
    const sum = estimate.lines.reduce((total, line) => total + line.usdPerMillionOrders, 0);
    expect(estimate.totalUsdPerMillionOrders).toBeCloseTo(sum, 9);
  });

  it('bills Express per execution and its duration in 100 ms and 64 MB steps, with the idempotent start', () => {
    const estimate = costPerMillionOrders(FOOTPRINT, {
      type: 'express',
      executionMs: 151,
      logBytes: 0,
      idempotentStartWrites: 2,
    });
    expect(usd(estimate, 'Step Functions Standard transitions')).toBeUndefined();
    expect(usd(estimate, 'Step Functions Express requests')).toBeCloseTo(1, 6);
    expect(usd(estimate, 'Step Functions Express duration')).toBeCloseTo(
      0.2 * (64 / 1024) * 0.00001667 * 1e6,
      6,
    );
    expect(usd(estimate, 'DynamoDB writes')).toBeCloseTo(23 * 0.625, 6);
  });

  it('prices the what-ifs: HTTP APIs, and no log line at WARN on the happy path', () => {
    const lean = costPerMillionOrders(
      FOOTPRINT,
      { type: 'standard', logBytes: 4_000 },
      { httpApis: true, logsAtWarn: true },
    );
    expect(usd(lean, 'API Gateway requests')).toBeCloseTo(3 * 1, 6);
    expect(usd(lean, 'CloudWatch Logs ingested')).toBe(0);
    expect(usd(lean, 'DynamoDB writes')).toBeCloseTo(21 * 0.625, 6);
  });

  it('has no workflow line without a workflow', () => {
    const estimate = costPerMillionOrders(FOOTPRINT, { type: 'none' });
    expect(estimate.lines.filter((line) => line.item.startsWith('Step Functions'))).toEqual([]);
  });
});
