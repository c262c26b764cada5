import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';

/**
 * What an idempotent command receives: the caller's key, the (validated) payload the key stands for, and
 * the correlation id of this attempt, which is passed through but takes no part in the key or the check.
 */
export interface IdempotentCommand<TPayload> {
  readonly idempotencyKey: string;
  readonly payload: TPayload;
  readonly correlationId: string;
}

export interface IdempotentCommandOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Stable across deployments (never the generated function name), so records survive a redeploy. */
  readonly keyPrefix: string;
  readonly expiresAfterSeconds?: number;
}

/**
 * Wraps a command so that it runs at most once per idempotency key, with Powertools idempotency on
 * DynamoDB. The key is the caller's `Idempotency-Key` (never the whole event); the payload is validated,
 * so the same key with a different payload raises `IdempotencyValidationError`, and a second call while
 * the first is still running raises `IdempotencyAlreadyInProgressError`.
 */
export function idempotentCommand<TPayload, TResult>(
  command: (input: IdempotentCommand<TPayload>) => Promise<TResult>,
  options: IdempotentCommandOptions,
): { run(input: IdempotentCommand<TPayload>, context: Context): Promise<TResult> } {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    payloadValidationJmesPath: 'payload',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? 24 * 60 * 60,
  });
  const wrapped = makeIdempotent(command, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: options.tableName,
      awsSdkV3Client: options.client,
    }),
    config,
    keyPrefix: options.keyPrefix,
  });
  return {
    run(input, context) {
      // Lets an in-flight record expire with the invocation instead of blocking the key for an hour.
      config.registerLambdaContext(context);
      return wrapped(input);
    },
  };
}
