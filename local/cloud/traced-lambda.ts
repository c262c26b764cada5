import type { TraceSink } from '../console/trace-record';
import type { InvokeResult, LambdaService } from '../lambda/types';

/** A function by the name the trace shows, whether it is given by name or ARN. */
export const functionNameOf = (arnOrName: string) => arnOrName.split(':function:').pop() ?? arnOrName;

/** `ok`, or how an invocation failed (`Unhandled Boom`): the outcome every record of an invocation shows. */
export const outcomeOf = (result: InvokeResult) =>
  result.ok ? 'ok' : `${result.functionError} ${result.payload.errorType}`;

/** Wraps the Lambda service so that every invocation appears on the trace timeline with its outcome. */
export function tracedLambda(lambda: LambdaService, trace: TraceSink): LambdaService {
  const name = functionNameOf;
  return {
    async invoke(functionNameOrArn, event, options) {
      const fn = name(functionNameOrArn);
      const started = trace({ kind: 'lambda', fn, line: `lambda   -> ${fn} (sync)`, subject: event });
      const result: InvokeResult = await lambda.invoke(functionNameOrArn, event, options);
      const ended = trace(completionInput(fn, result));
      // An API's function makes the correlation id up itself: only its response names it.
      if (started && ended && !started.correlationId && ended.correlationId)
        started.correlationId = ended.correlationId;
      else if (started?.correlationId && ended && !ended.correlationId)
        ended.correlationId = started.correlationId;
      return result;
    },
    async invokeAsync(functionNameOrArn, event, options) {
      const fn = name(functionNameOrArn);
      trace({ kind: 'lambda', fn, line: `lambda   -> ${fn} (async, queued)`, subject: event });
      await lambda.invokeAsync(functionNameOrArn, event, options);
    },
  };
}

/** `lambda <- <name> ok in <n> ms` (or the failure): how an invocation, sync or async, ends on the timeline. */
export function completionLine(functionName: string, result: InvokeResult): string {
  return completionInput(functionName, result).line;
}

/** The completion as a structured record: outcome and duration as fields, the line as it always was. */
export function completionInput(functionName: string, result: InvokeResult) {
  const outcome = outcomeOf(result);
  return {
    kind: 'lambda',
    fn: functionName,
    outcome,
    durationMs: result.durationMs,
    line: `lambda   <- ${functionName} ${outcome} in ${result.durationMs} ms`,
    subject: result.payload,
  };
}
