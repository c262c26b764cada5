import type { InvokeResult, LambdaService } from '../../../lambda/types';
import type { SqsEvent } from '../../../sqs/sqs-lambda-event';

type Handler = (event: SqsEvent) => unknown | Promise<unknown>;

/**
 * A fake LambdaService (the one place a fake belongs: these tests are about the mapping, not about running
 * functions). The handler's return value is the payload; a throw is a function error, as Lambda reports it.
 */
export function fakeLambda(
  handler: Handler,
): LambdaService & { events: SqsEvent[]; active: number; maxActive: number } {
  const fake = {
    events: [] as SqsEvent[],
    active: 0,
    maxActive: 0,
    async invoke(_name: string, event: unknown): Promise<InvokeResult> {
      fake.events.push(event as SqsEvent);
      fake.active += 1;
      fake.maxActive = Math.max(fake.maxActive, fake.active);
      try {
        return { ok: true, payload: await handler(event as SqsEvent), durationMs: 1 };
      } catch (error) {
        const { name, message } = error as Error;
        return {
          ok: false,
          functionError: 'Unhandled',
          payload: { errorType: name, errorMessage: message },
          durationMs: 1,
        };
      } finally {
        fake.active -= 1;
      }
    },
    async invokeAsync(): Promise<void> {
      throw new Error('not used by event source mappings');
    },
  };
  return fake;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
