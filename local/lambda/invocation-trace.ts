import { formatTraceHeader, newSegmentId, newTraceRoot, parseTraceHeader } from '../shared/trace-header';

/** `TracingConfig.Mode` of a function; Lambda's default is PassThrough. */
export type TracingMode = 'Active' | 'PassThrough';

/**
 * The `_X_AMZN_TRACE_ID` of one invocation, from the function's tracing mode and the trace header its
 * caller passed (API Gateway's `X-Amzn-Trace-Id`, an SDK call's from inside a traced function). The
 * caller's root is kept, so a trace continues across services; the parent is this invocation's own
 * segment. Active tracing starts a trace when nobody passed one and samples it (a local run records
 * everything it would); PassThrough only continues a trace it was given, sampled as the caller decided.
 * Undefined when there is no trace: the variable is then absent, as for an untraced call on Lambda.
 */
export function invocationTraceId(
  mode: TracingMode | undefined,
  callerHeader: string | undefined,
  epochMs = Date.now(),
): string | undefined {
  const caller = parseTraceHeader(callerHeader);
  if (mode === 'Active') {
    return formatTraceHeader({
      root: caller?.root ?? newTraceRoot(epochMs),
      parent: newSegmentId(),
      sampled: caller?.sampled === '0' ? '0' : '1',
    });
  }
  if (!caller) return undefined;
  return formatTraceHeader({
    root: caller.root,
    parent: newSegmentId(),
    sampled: caller.sampled === '1' ? '1' : '0',
  });
}
