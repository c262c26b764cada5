import type { InvokeResult, LambdaService } from '@shop/local-cloud';

type Handler = (event: never) => Promise<unknown>;

/**
 * A LambdaService that runs handlers in this process, by function name: the local cloud's event source
 * pollers (real streams, real batching, retries, bisect and on-failure records) driving the real handler
 * code, without bundling or child processes. A thrown error is a function error, as in Lambda.
 */
export function inProcessLambda(
  handlers: Readonly<Record<string, Handler>>,
): LambdaService & { invocations: number } {
  const service = {
    invocations: 0,
    async invoke(nameOrArn: string, event: unknown): Promise<InvokeResult> {
      // A function ARN (what a state machine's Resource names) ends with `function:<name>`.
      const name = nameOrArn.split(':function:').at(-1)?.split(':')[0] ?? nameOrArn;
      const handler = handlers[name];
      if (handler === undefined) throw new Error(`No in-process handler for ${name}`);
      service.invocations++;
      const started = performance.now();
      try {
        const payload = await handler(event as never);
        return { ok: true, payload, durationMs: performance.now() - started };
      } catch (error) {
        const { name: errorType, message: errorMessage } = error as Error;
        return {
          ok: false,
          functionError: 'Unhandled',
          payload: { errorType, errorMessage },
          durationMs: performance.now() - started,
        };
      }
    },
    async invokeAsync(name: string, event: unknown): Promise<void> {
      await service.invoke(name, event);
    },
  };
  return service;
}
