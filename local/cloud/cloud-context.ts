import type { TraceSink } from '../console/trace-record';
import type { ResolvedResource } from '../model/resolved-resource';
import type { BeforeBatch, RequestsInFlight } from '../shared/requests-in-flight';
import type { Stoppers } from './stoppers';

/** What every wiring step of the local cloud gets: the resolved resources and where to report. */
export interface CloudContext {
  readonly resources: readonly ResolvedResource[];
  readonly stoppers: Stoppers;
  /** Template features not emulated, printed once at start. */
  readonly warnings: string[];
  /** Whether `--trace` prints the timeline (else a warning on it would go unseen in the terminal). */
  readonly printsTrace?: boolean;
  /**
   * The timeline (`--trace` and the console), when either is on: each emitter hands over a structured
   * record, its `--trace` line as printed plus the fields the console draws and groups by.
   */
  readonly record?: TraceSink;
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
): { [P in K]?: (line: string, subject?: unknown) => void } {
  const record = context.record;
  return (
    record
      ? {
          [key]: (line: string, subject?: unknown) =>
            record({
              kind: tag,
              line: `${tag.padEnd(8)} ${line}`,
              ...(subject === undefined ? {} : { subject }),
            }),
        }
      : {}
  ) as { [P in K]?: (line: string, subject?: unknown) => void };
}
