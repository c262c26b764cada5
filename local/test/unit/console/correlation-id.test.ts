import {
  batchCorrelationIds,
  headerCorrelationId,
  messageCorrelationId,
  requestCorrelationId,
} from '../../../console/correlation-id';

/** The correlation ids of the records that are not an invocation: requests' headers, queue messages. */
describe('headerCorrelationId', () => {
  it('reads X-Correlation-Id in any case, the first value of a repeated header', () => {
    expect(headerCorrelationId([['X-Correlation-Id', 'c-1']])).toBe('c-1');
    expect(headerCorrelationId(Object.entries({ 'x-correlation-id': ['c-2', 'c-3'] }))).toBe('c-2');
  });

  it('finds nothing without the header, or when its value is not a safe id', () => {
    expect(headerCorrelationId([['content-type', 'application/json']])).toBeUndefined();
    expect(headerCorrelationId([['x-correlation-id', 'has space']])).toBeUndefined();
    expect(headerCorrelationId(Object.entries({ 'x-correlation-id': undefined }))).toBeUndefined();
  });
});

describe('requestCorrelationId', () => {
  it("takes the function's answer first: it names the id it made up or kept", () => {
    expect(requestCorrelationId([['X-Correlation-Id', 'answered']], [['x-correlation-id', 'sent']])).toBe(
      'answered',
    );
  });

  it('falls back on the request when the function answered without the header', () => {
    expect(requestCorrelationId([['content-type', 'text/plain']], [['X-Correlation-Id', 'sent']])).toBe(
      'sent',
    );
    expect(requestCorrelationId([], [])).toBeUndefined();
  });
});

describe('messageCorrelationId', () => {
  const envelope = {
    version: '0',
    source: 'shop.orders',
    'detail-type': 'OrderPlaced',
    detail: { metadata: { correlationId: 'env-1' }, data: { orderId: 'o-1' } },
  };

  it.each([
    ['an EventBridge envelope', { body: JSON.stringify(envelope) }, 'env-1'],
    ['a JSON body', { body: '{"correlationId":"body-1","orderId":"o-1"}' }, 'body-1'],
    [
      'a transactionCorrelationId attribute, over the body',
      {
        body: '{"correlationId":"reply-pairing"}',
        messageAttributes: { transactionCorrelationId: { stringValue: 'txn-1' } },
      },
      'txn-1',
    ],
    [
      'a correlationId attribute',
      { body: 'plain', messageAttributes: { correlationId: { stringValue: 'a-1' } } },
      'a-1',
    ],
  ])('finds it in %s', (_what, message, expected) => {
    expect(messageCorrelationId(message)).toBe(expected);
  });

  it('finds none in a malformed body, without throwing', () => {
    expect(messageCorrelationId({ body: '{"correlationId": "unterminated' })).toBeUndefined();
    expect(messageCorrelationId({ body: 'not json at all' })).toBeUndefined();
    expect(
      messageCorrelationId({ body: '', messageAttributes: { other: { stringValue: 'x' } } }),
    ).toBeUndefined();
  });
});

describe('batchCorrelationIds', () => {
  it("lists a batch's distinct ids in message order, skipping messages without one", () => {
    const bodies = ['{"correlationId":"b"}', 'garbage', '{"correlationId":"a"}', '{"correlationId":"b"}'];
    expect(batchCorrelationIds(bodies.map((body) => ({ body })))).toEqual(['b', 'a']);
  });
});
