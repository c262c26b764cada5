import * as path from 'node:path';
import { appendJsonLine, readJsonLines } from '../shared/state-files';
import type { EventEnvelope } from './events/envelope';

/** Where archives keep their events across restarts: one append-only log per archive. */
export interface ArchiveLog {
  /** The events the archive recorded before, oldest first. */
  load(archiveName: string): EventEnvelope[];
  append(archiveName: string, event: EventEnvelope): void;
}

/** `<dir>/<archive name>.jsonl`, one event a line, appended as each is archived. */
export function archiveFiles(dir: string): ArchiveLog {
  const file = (archiveName: string) => path.join(dir, `${archiveName}.jsonl`);
  return {
    load: (archiveName) => readJsonLines<EventEnvelope>(file(archiveName)),
    append: (archiveName, event) => appendJsonLine(file(archiveName), event),
  };
}
