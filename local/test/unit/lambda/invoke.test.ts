import {
  eventually,
  FIXTURES,
  failureOf,
  fixtureFunction,
  lambdaServices,
  payloadOf,
  REGION,
} from './lambda-test-kit';

interface Echo {
  event: unknown;
  context: {
    functionName: string;
    functionVersion: string;
    invokedFunctionArn: string;
    memoryLimitInMB: string;
    awsRequestId: string;
    logGroupName: string;
    logStreamName: string;
    callbackWaitsForEmptyEventLoop: boolean;
    remainingTimeInMillis: number;
  };
  env: Record<string, string>;
  cwd: string;
  execArgv: string[];
  sourceMapsEnabled: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

describe('a synchronous invoke', () => {
  it("answers with the handler's result", async () => {
    const lambda = service({}, fixtureFunction('echo.handler', { name: 'echo' }));

    const result = await lambda.invoke('echo', { hello: 'world', items: [1, 2] });

    expect(payloadOf<Echo>(result).event).toEqual({ hello: 'world', items: [1, 2] });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('gives the function its own variables and what Lambda sets, nothing from this process', async () => {
    process.env.LOCAL_LAMBDA_PARENT_SECRET = 'must not leak';
    try {
      const lambda = service(
        { endpointUrl: 'http://127.0.0.1:4566' },
        fixtureFunction('echo.handler', {
          name: 'echo',
          memorySizeMb: 1024,
          environment: { TABLE_NAME: 'orders', NODE_OPTIONS: '--enable-source-maps', AWS_REGION: 'ignored' },
        }),
      );

      const { env, execArgv, sourceMapsEnabled, cwd } = payloadOf<Echo>(await lambda.invoke('echo', {}));

      expect(Object.keys(env).sort()).toEqual(
        [
          'AWS_ACCESS_KEY_ID',
          'AWS_DEFAULT_REGION',
          'AWS_ENDPOINT_URL',
          'AWS_EXECUTION_ENV',
          'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
          'AWS_LAMBDA_FUNCTION_NAME',
          'AWS_LAMBDA_FUNCTION_VERSION',
          'AWS_LAMBDA_INITIALIZATION_TYPE',
          'AWS_LAMBDA_LOG_GROUP_NAME',
          'AWS_LAMBDA_LOG_STREAM_NAME',
          'AWS_REGION',
          'AWS_SECRET_ACCESS_KEY',
          'LAMBDA_TASK_ROOT',
          'LANG',
          'NODE_OPTIONS',
          'NODE_PATH',
          'PATH',
          'TABLE_NAME',
          'TZ',
          '_HANDLER',
        ].sort(),
      );
      expect(env).toMatchObject({
        TABLE_NAME: 'orders',
        // Lambda's reserved variables win over the function's.
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'local-key',
        AWS_SECRET_ACCESS_KEY: 'local-secret',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        AWS_LAMBDA_FUNCTION_NAME: 'echo',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/echo',
        LAMBDA_TASK_ROOT: FIXTURES,
        _HANDLER: 'echo.handler',
        TZ: 'UTC',
      });
      expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      // NODE_OPTIONS applies; no flag of the test runner's process does.
      expect(sourceMapsEnabled).toBe(true);
      expect(execArgv).toEqual([]);
      expect(cwd).toBe(FIXTURES);
    } finally {
      delete process.env.LOCAL_LAMBDA_PARENT_SECRET;
    }
  });

  it('passes the context: names, ARN, memory, a fresh request id, log names and the remaining time', async () => {
    const definition = fixtureFunction('echo.handler', {
      name: 'echo',
      timeoutSeconds: 3,
      logGroupName: '/shop/orders/echo',
    });
    const lambda = service({}, definition);

    const first = payloadOf<Echo>(await lambda.invoke('echo', {})).context;
    const second = payloadOf<Echo>(await lambda.invoke('echo', {})).context;

    expect(first).toMatchObject({
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: definition.arn,
      memoryLimitInMB: '256',
      logGroupName: '/shop/orders/echo',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(first.awsRequestId).toMatch(UUID);
    expect(second.awsRequestId).not.toBe(first.awsRequestId);
    expect(first.remainingTimeInMillis).toBeGreaterThan(0);
    expect(first.remainingTimeInMillis).toBeLessThanOrEqual(3000);
  });

  it('finds the function by name, ARN or partial ARN, with or without the $LATEST qualifier', async () => {
    const definition = fixtureFunction('echo.handler', { name: 'echo' });
    const lambda = service({}, definition);
    const invokedArn = async (reference: string) =>
      payloadOf<Echo>(await lambda.invoke(reference, {})).context.invokedFunctionArn;

    expect(await invokedArn('echo')).toBe(definition.arn);
    expect(await invokedArn(definition.arn)).toBe(definition.arn);
    expect(await invokedArn('000000000000:function:echo')).toBe(definition.arn);
    expect(await invokedArn('echo:$LATEST')).toBe(`${definition.arn}:$LATEST`);
    expect(await invokedArn(`${definition.arn}:$LATEST`)).toBe(`${definition.arn}:$LATEST`);
    expect(lambda.has('echo')).toBe(true);
    expect(lambda.has('echo:prod')).toBe(false);
  });

  it('rejects an unknown function as Lambda does', async () => {
    const lambda = service({}, fixtureFunction('echo.handler', { name: 'echo' }));

    await expect(lambda.invoke('nope', {})).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: nope',
    });
    await expect(lambda.invoke('111111111111:function:echo', {})).rejects.toThrow('Function not found');
    await expect(lambda.invokeAsync('nope', {})).rejects.toThrow('Function not found');
  });

  it('answers with what JSON makes of the result', async () => {
    const lambda = service(
      {},
      fixtureFunction('echo.dated'),
      fixtureFunction('echo.nothing'),
      fixtureFunction('echo.unserializable'),
    );

    expect(payloadOf(await lambda.invoke('echo-dated', {}))).toEqual({ when: '1970-01-01T00:00:00.000Z' });
    expect(payloadOf(await lambda.invoke('echo-nothing', {}))).toBeNull();
    expect(failureOf(await lambda.invoke('echo-unserializable', {})).payload).toMatchObject({
      errorType: 'Error',
      errorMessage: 'Unable to stringify response body',
    });
  });
});

describe('handlers', () => {
  it('load from CommonJS, from subdirectories and from nested exports', async () => {
    const lambda = service(
      {},
      fixtureFunction('legacy.handler'),
      fixtureFunction('nested/deep.handlers.main'),
    );

    expect(payloadOf(await lambda.invoke('legacy-handler', { a: 1 }))).toEqual({
      format: 'commonjs',
      file: 'legacy.cjs',
      event: { a: 1 },
    });
    expect(payloadOf(await lambda.invoke('nested-deep-handlers-main', {}))).toEqual({
      found: 'nested/deep.handlers.main',
    });
  });

  it('may answer through the callback or the legacy context methods', async () => {
    const lambda = service({}, fixtureFunction('callback.handler'), fixtureFunction('callback.succeeds'));

    expect(payloadOf(await lambda.invoke('callback-handler', { n: 1 }))).toEqual({
      style: 'callback',
      event: { n: 1 },
    });
    const failed = failureOf(await lambda.invoke('callback-handler', { fail: true }));
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.payload).toMatchObject({ errorType: 'Error', errorMessage: 'callback failure' });
    expect(payloadOf(await lambda.invoke('callback-succeeds', {}))).toEqual({ style: 'context.succeed' });
  });

  it('report a thrown error as Lambda does and stay warm', async () => {
    const lambda = service({}, fixtureFunction('thrower.handler', { name: 'thrower' }));

    const first = failureOf(await lambda.invoke('thrower', {}));
    const second = failureOf(await lambda.invoke('thrower', {}));

    expect(first.functionError).toBe('Unhandled');
    expect(first.payload.errorType).toBe('PaymentDeclinedError');
    expect(first.payload.errorMessage).toBe('declined on attempt 1');
    expect(first.payload.trace?.[0]).toBe('PaymentDeclinedError: declined on attempt 1');
    expect(first.payload.trace?.[1]).toMatch(/thrower\.mjs/);
    // Same module instance: the error did not cost the environment.
    expect(second.payload.errorMessage).toBe('declined on attempt 2');
  });

  it('report a thrown non-Error by its type', async () => {
    const lambda = service({}, fixtureFunction('thrower.throwsString'));

    expect(failureOf(await lambda.invoke('thrower-throwsString', {})).payload).toEqual({
      errorType: 'string',
      errorMessage: 'plain text',
      trace: [],
    });
  });
});

describe('logs', () => {
  it('go line by line to onLog with the function name, including the runtime error lines', async () => {
    const lines: string[] = [];
    const lambda = service(
      { onLog: (fn, line) => lines.push(`${fn}| ${line}`) },
      fixtureFunction('chatty.handler', { name: 'chatty' }),
      fixtureFunction('thrower.handler', { name: 'thrower' }),
    );

    expect(payloadOf(await lambda.invoke('chatty', { name: 'x' }))).toBe('done');
    const failed = await lambda.invoke('thrower', {});

    // Log lines travel on the child's pipes, not with the result: they may arrive a little later.
    await eventually(() => lines.some((line) => line.startsWith('thrower| ')) && lines.length >= 5);
    expect(lines).toEqual(
      expect.arrayContaining([
        'chatty| first line for x',
        'chatty| second line',
        'chatty| third line',
        'chatty| an error line',
      ]),
    );
    const errorLine = lines.find((line) => line.startsWith('thrower| '));
    expect(errorLine).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"PaymentDeclinedError"/);
    expect(failed.ok).toBe(false);
  });
});
