import type { Context } from 'aws-lambda';
import { lambdaContext as testLambdaContext } from '../test/helpers/api-gateway-event';
import { LOCAL_REGION } from '../test/helpers/dynamodb-local';
import { type BenchFunction, resolveEnvironment } from './assembly';

/** Tables get `bench-<logicalId>`, in the cold-init environment and in DynamoDB Local alike. */
export const TABLE_PREFIX = 'bench';

export function localTableName(logicalId: string): string {
  return `${TABLE_PREFIX}-${logicalId}`;
}

/**
 * The environment a function's module init sees in Lambda, with local values: the variables from its
 * template (NODE_OPTIONS included, since flags such as --enable-source-maps change load time), the
 * region and credentials the runtime provides, and nothing from the benchmark's own process.
 */
export function lambdaEnvironment(fn: BenchFunction): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    TZ: 'UTC',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: lambdaFunctionName(fn),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    POWERTOOLS_SERVICE_NAME: fn.name.split('/')[0] ?? fn.name,
    ...resolveEnvironment(fn, localTableName),
  };
}

/** A Lambda context as the runtime passes it; Powertools idempotency reads the remaining time from it. */
export function lambdaContext(fn: BenchFunction): Context {
  return testLambdaContext(lambdaFunctionName(fn), fn.timeoutSeconds * 1000);
}

function lambdaFunctionName(fn: BenchFunction): string {
  return `bench-${fn.name.replaceAll('/', '-')}`;
}
