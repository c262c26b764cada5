import type { TraceInput } from '../console/trace-record';
import type { EndpointCall } from '../endpoint/endpoint-server';

/**
 * A call to the local AWS endpoint on the timeline: printed as `--trace` always printed it, recorded
 * with its operation, and in the group of the correlation id its body carries (a function's PutEvents,
 * SendMessage or StartExecution for a request), so a request's group shows the calls it made.
 */
export function endpointInput(line: string, call: EndpointCall): TraceInput {
  return {
    kind: 'endpoint',
    line,
    operation: call.operation,
    ...(call.body === undefined ? {} : { subject: call.body }),
  };
}
