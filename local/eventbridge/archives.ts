import type { ArchiveLog } from './archive-files';
import type { EventEnvelope, RoutedEvent } from './events/envelope';
import type { ArchiveModel } from './model/types';
import { matches } from './pattern';

/**
 * The template's archives: every event accepted on an archive's bus that matches its pattern (all of
 * them without one), in memory and, with a log, on disk too (read back at the next start). Retention is
 * not enforced and replay is not emulated.
 */
export class Archives {
  private readonly events = new Map<string, EventEnvelope[]>();

  constructor(
    private readonly archives: readonly ArchiveModel[],
    private readonly log?: ArchiveLog,
  ) {
    for (const archive of archives) this.events.set(archive.name, log?.load(archive.name) ?? []);
  }

  record(event: RoutedEvent): void {
    for (const archive of this.archives) {
      if (archive.eventBusName !== event.eventBusName) continue;
      if (archive.pattern !== undefined && !matches(archive.pattern, event.envelope)) continue;
      this.events.get(archive.name)?.push(event.envelope);
      this.log?.append(archive.name, event.envelope);
    }
  }

  /** The events an archive holds, oldest first; undefined for an archive the app does not declare. */
  eventsOf(archiveName: string): readonly EventEnvelope[] | undefined {
    return this.events.get(archiveName);
  }

  get models(): readonly ArchiveModel[] {
    return this.archives;
  }
}
