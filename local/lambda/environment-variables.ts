import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { LocalFunctionDefinition } from './types';

export interface ServiceIdentity {
  readonly region: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Where the SDKs inside the function send their calls (`AWS_ENDPOINT_URL`). */
  readonly endpointUrl?: string;
}

export const DEFAULT_RUNTIME = 'nodejs24.x';

/**
 * The complete environment of one execution environment: the function's own variables plus what Lambda
 * sets, and nothing from this process (no parent secrets, no NODE_OPTIONS of a test runner). Lambda's
 * variables win over the function's, as Lambda forbids setting its reserved names. NODE_OPTIONS from the
 * function's variables reaches the child through its environment, as on Lambda.
 */
export function lambdaEnvironment(
  definition: LocalFunctionDefinition,
  identity: ServiceIdentity,
): Record<string, string> {
  const credentials = definition.credentials ?? identity.credentials;
  return {
    ...definition.environment,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName ?? `/aws/lambda/${definition.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: identity.region,
    AWS_DEFAULT_REGION: identity.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime ?? DEFAULT_RUNTIME}`,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: credentials.sessionToken }),
    ...(identity.endpointUrl === undefined ? {} : { AWS_ENDPOINT_URL: identity.endpointUrl }),
    LAMBDA_TASK_ROOT: definition.codeDirectory,
    _HANDLER: definition.handler,
    TZ: 'UTC',
    LANG: 'en_US.UTF-8',
    // CommonJS code finds the runtime-provided AWS SDK here, as in Lambda (ES modules: runtime/provided-sdk.mjs).
    NODE_PATH: PROVIDED_NODE_MODULES,
    // The only variable taken from this process: the child must find the same tools (node itself).
    PATH: process.env.PATH ?? '',
  };
}

/** The node_modules the local cloud itself runs from: its AWS SDK stands in for the one Lambda provides. */
const PROVIDED_NODE_MODULES = providedNodeModules(__dirname);

function providedNodeModules(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (existsSync(path.join(candidate, '@aws-sdk'))) return candidate;
    if (path.dirname(dir) === dir) return '';
  }
}

/** Each sandbox writes to its own stream, named as Lambda names them: `2025/01/31/[$LATEST]<32 hex>`. */
function logStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
