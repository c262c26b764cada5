import type { ResolvedResource } from '../model/resolved-resource';
import type { BeforeBatch, RequestsInFlight } from '../shared/requests-in-flight';
import type { Stoppers } from './stoppers';

/** What every wiring step of the local cloud gets: the resolved resources and where to report. */
export interface CloudContext {
  readonly resources: readonly ResolvedResource[];
  readonly stoppers: Stoppers;
  /** Template features not emulated, printed once at start. */
  readonly warnings: string[];
  /** The `--trace` timeline, when on. */
  readonly trace?: (line: string) => void;
  /** `--data-dir`: each service keeps its state in its own folder here; in memory when absent. */
  readonly dataDir?: string;
  /** The API requests being answered: the gateways count them. */
  readonly requests: RequestsInFlight;
  /** What Lambda's pollers wait for before each batch (they yield to `requests`); absent: they never wait. */
  readonly beforeBatch?: BeforeBatch;
}

/** `onX` options for a trace line with a fixed tag, or nothing when tracing is off. */
export function traced<K extends string>(
  context: CloudContext,
  key: K,
  tag: string,
): { [P in K]?: (line: string) => void } {
  const trace = context.trace;
  return (trace ? { [key]: (line: string) => trace(`${tag.padEnd(8)} ${line}`) } : {}) as {
    [P in K]?: (line: string) => void;
  };
}
