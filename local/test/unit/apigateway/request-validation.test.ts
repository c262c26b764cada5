import { ApiBuilder, echo, fakeLambda, Servers } from '../../helpers/apigateway-fixtures';

const servers = new Servers();
afterEach(() => servers.closeAll());

const ORDER_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: {
    customerId: { type: 'string', minLength: 1, maxLength: 8 },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', pattern: '^[A-Z]+$' },
          quantity: { type: 'integer', minimum: 1, maximum: 10 },
        },
        required: ['sku', 'quantity'],
        additionalProperties: false,
      },
    },
    sagaStyle: { type: 'string', enum: ['orchestration', 'choreography'] },
    callbackUrl: { type: 'string', format: 'uri' },
  },
  required: ['customerId', 'items'],
  additionalProperties: false,
};

/** Gateway responses echo the validation string so the tests can read it. */
const ECHO_ERROR = {
  ResponseTemplates: {
    'application/json':
      '{"type":"$context.error.responseType","message":$context.error.messageString,"detail":"$context.error.validationErrorString"}',
  },
};

async function start(validator = { ValidateRequestBody: true, ValidateRequestParameters: true }) {
  const api = new ApiBuilder()
    .add('Model', 'PlaceOrderRequest', {
      Name: 'PlaceOrderRequest',
      ContentType: 'application/json',
      Schema: ORDER_SCHEMA,
    })
    .add('Model', 'TextBody', { Name: 'TextBody', ContentType: 'text/plain', Schema: { type: 'string' } })
    .add('RequestValidator', 'validator1', validator)
    .proxy('/orders', 'POST', 'place', {
      RequestValidatorId: 'validator1',
      RequestParameters: {
        'method.request.header.Idempotency-Key': true,
        'method.request.header.X-Optional': false,
        'method.request.querystring.mode': true,
      },
      RequestModels: { 'application/json': 'PlaceOrderRequest' },
    })
    .proxy('/orders/{orderId}', 'GET', 'get', {
      RequestValidatorId: 'validator1',
      RequestParameters: { 'method.request.path.orderId': true },
    })
    .proxy('/unvalidated', 'POST', 'free', {
      RequestParameters: { 'method.request.header.Idempotency-Key': true },
      RequestModels: { 'application/json': 'PlaceOrderRequest' },
    })
    .add('GatewayResponse', 'gr1', { ResponseType: 'BAD_REQUEST_BODY', ...ECHO_ERROR })
    .add('GatewayResponse', 'gr2', { ResponseType: 'BAD_REQUEST_PARAMETERS', ...ECHO_ERROR })
    .stage('v1')
    .build();
  const lambda = fakeLambda(echo);
  const url = await servers.start(api, { lambda });
  const post = (body: string, headers: Record<string, string> = {}, path = '/v1/orders?mode=x') =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1', ...headers },
      body,
    });
  return { url, lambda, post };
}

const VALID = JSON.stringify({ customerId: 'c1', items: [{ sku: 'ABC', quantity: 2 }] });

describe('request parameters', () => {
  it('lets a complete request through to the integration', async () => {
    const { post, lambda } = await start();
    const response = await post(VALID);
    expect(response.status).toBe(200);
    expect(lambda.calls).toHaveLength(1);
  });

  it('refuses missing or blank required parameters with BAD_REQUEST_PARAMETERS, naming them', async () => {
    const { url, lambda } = await start();
    const response = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': '  ' },
      body: VALID,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await response.json()).toEqual({
      type: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [Idempotency-Key, mode]',
      detail: '[Missing required request parameters: [Idempotency-Key, mode]]',
    });
    expect(lambda.calls).toHaveLength(0);
  });

  it('matches header names case-insensitively', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/orders?mode=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k' },
      body: VALID,
    });
    expect(response.status).toBe(200);
  });

  it('does not validate parameters when the validator says not to, nor without a validator', async () => {
    const { url, lambda } = await start({ ValidateRequestBody: true, ValidateRequestParameters: false });
    const response = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: VALID,
    });
    expect(response.status).toBe(200);
    const free = await fetch(`${url}/v1/unvalidated`, { method: 'POST', body: '{"not":"checked"}' });
    expect(free.status).toBe(200);
    expect(lambda.calls).toHaveLength(2);
  });
});

describe('request body', () => {
  it.each([
    [{ items: [{ sku: 'ABC', quantity: 1 }] }, '[object has missing required properties (["customerId"])]'],
    [
      { customerId: 'c1', items: [{ sku: 'ABC', quantity: 1 }], extra: 1, another: 2 },
      '[object instance has properties which are not allowed by the schema: ["another","extra"]]',
    ],
    [
      { customerId: 'c1', items: [] },
      '[array is too short: must have at least 1 elements but instance has 0 elements]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'ABC', quantity: 0 }] },
      '[numeric instance is lower than the required minimum (minimum: 1, found: 0)]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'ABC', quantity: 11 }] },
      '[numeric instance is greater than the required maximum (maximum: 10, found: 11)]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'ABC', quantity: 1.5 }] },
      '[instance type (number) does not match any allowed primitive type (allowed: ["integer"])]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'abc', quantity: 1 }] },
      '[ECMA 262 regex "^[A-Z]+$" does not match input string "abc"]',
    ],
    [
      { customerId: '', items: [{ sku: 'A', quantity: 1 }] },
      '[string "" is too short (length: 0, required minimum: 1)]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'A', quantity: 1 }], sagaStyle: 'x' },
      '[instance value ("x") not found in enum (possible values: ["orchestration","choreography"])]',
    ],
    [
      { customerId: 'c1', items: [{ sku: 'A', quantity: 1 }], callbackUrl: 'not a uri' },
      '[string "not a uri" is invalid against requested format "uri"]',
    ],
  ])('refuses %j with BAD_REQUEST_BODY: %s', async (body, validationErrorString) => {
    const { post, lambda } = await start();
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    // The template puts the raw validation string inside a JSON string, as API Gateway would: read it as text.
    const text = await response.text();
    expect(text).toBe(
      `{"type":"BAD_REQUEST_BODY","message":"Invalid request body","detail":"${validationErrorString}"}`,
    );
    expect(lambda.calls).toHaveLength(0);
  });

  it('reports every error of the body', async () => {
    const { post } = await start();
    const text = await (await post(JSON.stringify({ items: [{ sku: 'abc', quantity: 0 }] }))).text();
    expect(text).toContain('object has missing required properties (["customerId"])');
    expect(text).toContain('ECMA 262 regex');
    expect(text).toContain('numeric instance is lower than the required minimum');
  });

  it('refuses malformed JSON and validates an empty body as {}', async () => {
    const { post } = await start();
    const malformed = await post('{"customerId":');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('"type":"BAD_REQUEST_BODY"');
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('object has missing required properties (["customerId","items"])');
  });

  it('uses the model of the request content type (application/json by default) and skips others', async () => {
    const { post, lambda } = await start();
    const noContentType = await post('{"x":1}', { 'Content-Type': '' });
    expect(noContentType.status).toBe(400);
    const charset = await post(VALID, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(200);
    const otherType = await post('anything', { 'Content-Type': 'text/csv' });
    expect(otherType.status).toBe(200);
    expect(lambda.calls).toHaveLength(2);
  });

  it('applies the default BAD_REQUEST_BODY response without a custom one', async () => {
    const api = new ApiBuilder()
      .add('Model', 'M', { Name: 'M', ContentType: 'application/json', Schema: ORDER_SCHEMA })
      .add('RequestValidator', 'v', { ValidateRequestBody: true })
      .proxy('/orders', 'POST', 'place', {
        RequestValidatorId: 'v',
        RequestModels: { 'application/json': 'M' },
      })
      .stage('v1')
      .build();
    const url = await servers.start(api, { lambda: fakeLambda(echo) });
    const response = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('{"message": "Invalid request body"}');
  });
});
