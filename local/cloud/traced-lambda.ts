import type { InvokeResult, LambdaService } from '../lambda/types';

/** Wraps the Lambda service so that every invocation appears on the trace timeline with its outcome. */
export function tracedLambda(lambda: LambdaService, trace: (line: string) => void): LambdaService {
  const name = (arnOrName: string) => arnOrName.split(':function:').pop() ?? arnOrName;
  return {
    async invoke(functionNameOrArn, event, options) {
      trace(`lambda   -> ${name(functionNameOrArn)} (sync)`);
      const result: InvokeResult = await lambda.invoke(functionNameOrArn, event, options);
      trace(completionLine(name(functionNameOrArn), result));
      return result;
    },
    async invokeAsync(functionNameOrArn, event, options) {
      trace(`lambda   -> ${name(functionNameOrArn)} (async, queued)`);
      await lambda.invokeAsync(functionNameOrArn, event, options);
    },
  };
}

/** `lambda <- <name> ok in <n> ms` (or the failure): how an invocation, sync or async, ends on the timeline. */
export function completionLine(functionName: string, result: InvokeResult): string {
  const outcome = result.ok ? 'ok' : `${result.functionError} ${result.payload.errorType}`;
  return `lambda   <- ${functionName} ${outcome} in ${result.durationMs} ms`;
}
