import type { InvokeResult, LambdaService } from '../lambda/types';

/** Wraps the Lambda service so that every invocation appears on the trace timeline with its outcome. */
export function tracedLambda(lambda: LambdaService, trace: (line: string) => void): LambdaService {
  const name = (arnOrName: string) => arnOrName.split(':function:').pop() ?? arnOrName;
  return {
    async invoke(functionNameOrArn, event, options) {
      trace(`lambda   -> ${name(functionNameOrArn)} (sync)`);
      const result: InvokeResult = await lambda.invoke(functionNameOrArn, event, options);
      trace(
        `lambda   <- ${name(functionNameOrArn)} ${result.ok ? 'ok' : `${result.functionError} ${result.payload.errorType}`} in ${result.durationMs} ms`,
      );
      return result;
    },
    async invokeAsync(functionNameOrArn, event, options) {
      trace(`lambda   -> ${name(functionNameOrArn)} (async, queued)`);
      await lambda.invokeAsync(functionNameOrArn, event, options);
    },
  };
}
