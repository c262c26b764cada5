import * as path from 'node:path';
import { appendJsonLine, readJsonLines, writeJsonLinesAtomically } from '../shared/state-files';
import type { ExecutionStatus, HistoryEvent } from './types';

/** What is kept of a STANDARD execution when it starts: enough to answer for its name and to run it again. */
export interface StartedRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: string;
}

/** What is kept when it has ended: its description and its whole history. */
export interface ClosedRecord {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly stopDate: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly history: readonly StoredHistoryEvent[];
}

export type StoredHistoryEvent = Omit<HistoryEvent, 'timestamp'> & { readonly timestamp: string };

/** One execution as the store knows it: `closed` is absent for one that was running when the cloud stopped. */
export interface StoredExecution extends StartedRecord {
  readonly closed?: ClosedRecord;
}

/**
 * Executions kept across restarts of the local cloud (`--data-dir`), as Step Functions keeps them (names
 * for 90 days): an append-only log, `<dir>/executions.jsonl`, one line when an execution starts and one
 * when it ends, compacted when it is loaded.
 */
export interface ExecutionStore {
  /** Every execution recorded, in start order. */
  load(): StoredExecution[];
  started(record: StartedRecord): void;
  closed(executionArn: string, record: ClosedRecord): void;
}

type LogLine =
  | ({ readonly event: 'started' } & StartedRecord)
  | ({ readonly event: 'closed'; readonly executionArn: string } & ClosedRecord);

export function fileExecutionStore(dir: string): ExecutionStore {
  const file = path.join(dir, 'executions.jsonl');
  return {
    load() {
      const executions = new Map<string, StoredExecution>();
      for (const line of readJsonLines<LogLine>(file)) {
        if (line.event === 'started') {
          const { event: _event, ...started } = line;
          executions.set(line.executionArn, started);
          continue;
        }
        const known = executions.get(line.executionArn);
        const { event: _event, executionArn: _arn, ...closed } = line;
        if (known) executions.set(line.executionArn, { ...known, closed });
      }
      // One line per execution and state from now on: the log does not grow with restarts.
      const compacted = [...executions.values()];
      writeJsonLinesAtomically(file, compacted.flatMap(logLines));
      return compacted;
    },
    started: (record) => appendJsonLine(file, { event: 'started', ...record }),
    closed: (executionArn, record) => appendJsonLine(file, { event: 'closed', executionArn, ...record }),
  };
}

function logLines({ closed, ...started }: StoredExecution): LogLine[] {
  return [
    { event: 'started', ...started },
    ...(closed ? [{ event: 'closed' as const, executionArn: started.executionArn, ...closed }] : []),
  ];
}
