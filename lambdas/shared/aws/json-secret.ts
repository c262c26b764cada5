import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type * as z from 'zod/mini';
import { ConfigError } from '../config';
import { sdkClientOptions } from './clients';

/**
 * A JSON secret as its user reads it: cached for a while, fetched again on `refresh` (after the other side
 * refused the credential it holds: it may have been rotated).
 */
export type SecretSource<T> = (options?: { readonly refresh?: boolean }) => Promise<T>;

/** Five minutes: a rotated credential reaches every warm environment within that, at one call each. */
const CACHE_SECONDS = 300;

/**
 * A Secrets Manager secret holding JSON, read with Powertools Parameters (its cache, its JSON transform)
 * through an SDK client with our timeouts, and checked against `schema`. A value of the wrong shape fails
 * with the names of the wrong fields, never their values.
 */
export function jsonSecret<T>(secretId: string, schema: z.ZodMiniType<T>): SecretSource<T> {
  const secrets = new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(sdkClientOptions()) });
  return async ({ refresh = false } = {}) => {
    const value = await secrets.get(secretId, {
      transform: 'json',
      maxAge: CACHE_SECONDS,
      forceFetch: refresh,
    });
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new ConfigError(
        `The secret ${secretId} is not as expected at: ${[...new Set(fields)].join(', ')}`,
      );
    }
    return parsed.data;
  };
}
