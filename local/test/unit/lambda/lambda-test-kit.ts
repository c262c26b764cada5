import * as path from 'node:path';
import { type LocalLambdaOptions, LocalLambdaService } from '../../../lambda/local-lambda-service';
import type { InvokeResult, LocalFunctionDefinition } from '../../../lambda/types';

/** The fixture handlers (plain .mjs / .cjs files), one code directory for all of them. */
export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'lambda');

export const REGION = 'eu-west-1';
export const CREDENTIALS = { accessKeyId: 'local-key', secretAccessKey: 'local-secret' };

/** A function over the fixtures, named after its handler unless told otherwise. */
export function fixtureFunction(
  handler: string,
  overrides: Partial<LocalFunctionDefinition> = {},
): LocalFunctionDefinition {
  const name = overrides.name ?? handler.replace(/[^A-Za-z0-9-_]/g, '-');
  return {
    name,
    arn: `arn:aws:lambda:${REGION}:000000000000:function:${name}`,
    codeDirectory: FIXTURES,
    handler,
    environment: {},
    timeoutSeconds: 3,
    memorySizeMb: 256,
    ...overrides,
  };
}

/**
 * Services for one test file, every one closed after each test even when the test fails, so no child
 * process outlives its test.
 */
export function lambdaServices(): (
  options?: Partial<LocalLambdaOptions>,
  ...definitions: LocalFunctionDefinition[]
) => LocalLambdaService {
  const open: LocalLambdaService[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((service) => service.close()));
  });
  return (options = {}, ...definitions) => {
    const service = new LocalLambdaService({ region: REGION, credentials: CREDENTIALS, ...options });
    open.push(service);
    for (const definition of definitions) service.register(definition);
    return service;
  };
}

export { isRunning } from '../../helpers/process-liveness';

/** The payload of a successful invocation; fails the test with the error payload otherwise. */
export function payloadOf<T>(result: InvokeResult): T {
  if (!result.ok)
    throw new Error(`Expected success, got ${result.functionError}: ${JSON.stringify(result.payload)}`);
  return result.payload as T;
}

/** The error of a failed invocation; fails the test when it succeeded. */
export function failureOf(result: InvokeResult): Extract<InvokeResult, { ok: false }> {
  if (result.ok) throw new Error(`Expected a failure, got ${JSON.stringify(result.payload)}`);
  return result;
}

/** Polls until the condition holds (log lines travel on pipes, not with the result). */
export async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
