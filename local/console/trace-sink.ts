import type { TraceInput, TraceRecord, TraceSink } from './trace-record';
import type { TraceRing } from './trace-ring';

/**
 * One sink for both readers of the timeline: `print` gets each line exactly as `--trace` always printed
 * it, the ring keeps the structured record. Undefined when neither is on, so emitters skip the work.
 */
export function traceSink(
  print: ((line: string) => void) | undefined,
  ring: TraceRing | undefined,
): TraceSink | undefined {
  if (!print && !ring) return undefined;
  return (input: TraceInput): TraceRecord | undefined => {
    print?.(input.line);
    return ring?.push(input);
  };
}
