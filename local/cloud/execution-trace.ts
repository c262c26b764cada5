import type { TraceInput } from '../console/trace-record';
import type { ExecutionTraceFacts } from '../stepfunctions/types';

/**
 * A Step Functions line on the timeline: printed as `--trace` always printed it (`states   execution
 * ...`), recorded with the execution's name, ARN and status and the state it is about, in the group of
 * the correlation id its input carries (a saga started for a request). Only its end has an outcome: a
 * state that failed and was caught is the saga doing its job, not a failure of the request.
 */
export function executionInput(line: string, about: ExecutionTraceFacts | undefined): TraceInput {
  const printed = `states   ${line}`;
  if (!about) return { kind: 'states', line: printed };
  const ended = about.state === undefined && about.status !== 'RUNNING';
  return {
    kind: 'states',
    line: printed,
    execution: about.name,
    executionArn: about.executionArn,
    executionStatus: about.status,
    ...(about.state === undefined ? {} : { state: about.state, event: about.step }),
    ...(ended ? { outcome: about.status === 'SUCCEEDED' ? 'ok' : about.status } : {}),
    subject: about.input,
  };
}
