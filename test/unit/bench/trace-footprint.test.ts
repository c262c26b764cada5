import { FootprintCounter } from '../../../bench/trace-footprint';

/** Lines as the local cloud traces them (local/cloud, local/endpoint), one order's worth, abridged. */
const ORDER = [
  'lambda   -> Shop-Orders-PlaceOrder (sync)',
  'endpoint DynamoDB_20120810.PutItem -> DynamoDB Local: Orders-Idempotency 1 WRU',
  'endpoint DynamoDB_20120810.GetItem -> DynamoDB Local: Customers-Table 0.5 RRU',
  'lambda   <- Shop-Customers-GetCustomer ok in 6 ms',
  'api      Shop-customers-internal: {"requestId":"a"}',
  'endpoint DynamoDB_20120810.TransactWriteItems -> DynamoDB Local: Inventory-Table 2 WRU, Inventory-Outbox 2 WRU',
  'lambda   <- Shop-Orders-PlaceOrder ok in 36.4 ms',
  'api      Shop-public-api: {"requestId":"b"}',
  'log      Shop-Orders-PlaceOrder: {"level":"INFO","message":"request handled"}',
  'log      Shop-Orders-PlaceOrder: {"level":"DEBUG","message":"detail"}',
  'log      Shop-Orders-Publish: {"level":"INFO","message":"published","records":3,"requests":1,"failed":1}',
  'events   event shop.orders/OrderPlaced -> rule R1 -> target arn:aws:sqs:q1',
  'events   event shop.orders/OrderPlaced -> rule R2 -> target arn:aws:sqs:q2',
  'sqs      M1 -> Shop-Payments-Consumer: {"mappingId":"M1","messageIds":["m1","m2"],"filteredOut":[],"deleted":["m1","m2"]}',
  'sqs      M2 -> Shop-Payments-Consumer: {"mappingId":"M2","messageIds":[],"filteredOut":["m3"],"deleted":[]}',
  'streams  stream Orders-EventStore shard s -> Shop-Orders-Publish: 1 records, ok',
  'states   execution e1 started',
  'states   execution e1 state Reserve entered',
  'states   execution e1 state Reserve succeeded',
  'states   execution e1 state Done entered',
  'endpoint DynamoDB_20120810.PutItem -> DynamoDB Local: failed: ConditionalCheckFailedException',
  'endpoint DynamoDB_20120810.GetItem -> DynamoDB Local: failed: ResourceNotFoundException',
  'endpoint DynamoDB_20120810.DescribeTable -> DynamoDB Local',
  'lambda   <- Shop-Payments-Consumer Throttled TooManyRequestsException in 0 ms',
  'lambda   <- Shop-Payments-Consumer Unhandled Error in 0.2 ms',
  // The third party's share: not ours.
  'lambda   <- Shop-PaymentProvider ok in 9 ms',
  'endpoint DynamoDB_20120810.PutItem -> DynamoDB Local: Payments-PaymentProviderLedger 1 WRU',
  'api      Shop-payment-provider: {"requestId":"c"}',
  'log      Shop-PaymentProvider: {"level":"INFO","message":"charged"}',
];

const MEMORY: Record<string, number> = {
  'Shop-Customers-GetCustomer': 512,
  'Shop-Orders-PlaceOrder': 1024,
  'Shop-Payments-Consumer': 256,
  'Shop-PaymentProvider': 512,
};

function countOrders(orders: number) {
  const counter = new FootprintCounter((name) => MEMORY[name] ?? Number.NaN, {
    isExternal: (name) => /PaymentProvider|payment-provider/.test(name),
    logLevel: 'INFO',
  });
  for (let n = 0; n < orders; n++) for (const line of ORDER) counter.add(line);
  return counter.perOrder(orders);
}

describe('FootprintCounter', () => {
  it('counts what an order did in the units AWS bills by, per order', () => {
    const footprint = countOrders(2);
    expect(footprint.apiRequests).toEqual({ 'Shop-customers-internal': 1, 'Shop-public-api': 1 });
    // Ended invocations only, throttles not billed; each rounded up to the ms: 6, 37, 1 ms.
    expect(footprint.lambda.invocations).toBe(3);
    expect(footprint.lambda.byFunction).toEqual({
      'Shop-Customers-GetCustomer': 1,
      'Shop-Orders-PlaceOrder': 1,
      'Shop-Payments-Consumer': 1,
    });
    expect(footprint.lambda.gbSeconds).toBeCloseTo(0.006 * 0.5 + 0.037 * 1 + 0.001 * 0.25, 9);
    expect(footprint.dynamodb).toEqual({
      readUnits: 0.5,
      writeUnits: 5,
      failedWrites: 1,
      byTable: {
        'Customers-Table': 0.5,
        'Inventory-Outbox': 2,
        'Inventory-Table': 2,
        'Orders-Idempotency': 1,
      },
    });
    expect(footprint.eventsPublished).toBe(2);
    expect(footprint.ruleDeliveries).toBe(2);
    expect(footprint.sqs).toEqual({ messages: 2, batches: 1 });
    expect(footprint.streamBatches).toBe(1);
    expect(footprint.stateTransitions).toBe(2);
  });

  it('counts log bytes at the modelled level, leaving out lines below it and the third party', () => {
    const { logBytes } = countOrders(1);
    const lineBytes = (line: string) => Buffer.byteLength(line.slice(line.indexOf(': ') + 2)) + 1;
    const kept = ORDER.filter(
      (line) => line.startsWith('log') && !line.includes('DEBUG') && !line.includes('PaymentProvider'),
    );
    expect(logBytes.functions).toBe(kept.reduce((sum, line) => sum + lineBytes(line), 0));
    expect(logBytes.accessLogs).toBe(2 * Buffer.byteLength('{"requestId":"a"}\n'));
  });

  it('refuses to guess the memory of a function it was not told about', () => {
    const counter = new FootprintCounter((name) => {
      throw new Error(`unknown ${name}`);
    });
    expect(() => counter.add('lambda   <- Stranger ok in 3 ms')).toThrow('unknown Stranger');
  });
});
