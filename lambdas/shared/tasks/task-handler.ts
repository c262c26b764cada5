import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../logger';

/**
 * A saga step as a Lambda task of a state machine. Its input is validated (a malformed input is a bug in
 * the definition, so it fails loudly as `InvalidTaskInput`); the correlation id of the business
 * transaction is on every log line. Errors propagate with their names: the state machine catches business
 * errors by name (`OutOfStock`, `PaymentDeclined`, ...) and retries the transient ones.
 */
export const taskInputBase = {
  correlationId: z.string().check(z.minLength(1)),
  /** What caused the step: the state machine's execution, or whoever calls the step directly (the sweeper). */
  causationId: z.optional(z.string().check(z.minLength(1))),
};

/** How an invoked step was driven, for the events it writes: by whoever invoked it, never by an event. */
export interface InvokedStep {
  readonly correlationId: string;
  readonly causationId: string;
  readonly sagaStyle: 'orchestration';
}

export class InvalidTaskInput extends Error {
  override readonly name: string = 'InvalidTaskInput';
}

export type TaskHandler<TOutput> = (event: unknown, context: Context) => Promise<TOutput>;

export function taskHandler<TInput extends { correlationId: string; causationId?: string }, TOutput>(
  schema: z.ZodMiniType<TInput>,
  step: string,
  run: (input: TInput, invoked: InvokedStep) => Promise<TOutput>,
): TaskHandler<TOutput> {
  return async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      logger.error('invalid task input', { step, issues: parsed.error.issues });
      throw new InvalidTaskInput(
        `${step}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    logger.addContext(context);
    logger.appendKeys({ correlationId: parsed.data.correlationId, step });
    try {
      const { correlationId, causationId } = parsed.data;
      const output = await run(parsed.data, {
        correlationId,
        causationId: causationId ?? `saga:${step}`,
        sagaStyle: 'orchestration',
      });
      logger.info('step done');
      return output;
    } catch (error) {
      logger.warn('step failed', { errorName: (error as Error).name, error: error as Error });
      throw error;
    } finally {
      logger.resetKeys();
    }
  };
}
