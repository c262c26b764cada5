import * as path from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';

/**
 * Where each event source mapping has got to in each shard: the sequence number of the last record it
 * handled (delivered, filtered out or discarded), as Lambda's pollers keep a checkpoint per shard. A
 * restarted poller continues after it instead of reading the stream again from its starting position.
 */
export interface StreamCheckpoints {
  /** The shards of a mapping that has run before and their checkpoints; undefined for a new mapping. */
  of(mappingId: string): ReadonlyMap<string, string> | undefined;
  /** Records that the mapping has started: from now on `of` answers for it (a later start is a restart). */
  started(mappingId: string): void;
  /** Moves a shard's checkpoint to `sequenceNumber`. */
  advance(mappingId: string, shardId: string, sequenceNumber: string): void;
}

type Saved = Record<string, Record<string, string>>;

/** Checkpoints in memory only: without `--data-dir`, every start is a first start. */
export function inMemoryCheckpoints(): StreamCheckpoints {
  return checkpointsOver({}, () => undefined);
}

/** Checkpoints in `<dir>/checkpoints.json`, rewritten (atomically) each time one moves. */
export function fileCheckpoints(dir: string): StreamCheckpoints {
  const file = path.join(dir, 'checkpoints.json');
  return checkpointsOver(readJsonFile<Saved>(file) ?? {}, (saved) => writeJsonAtomically(file, saved));
}

function checkpointsOver(saved: Saved, save: (saved: Saved) => void): StreamCheckpoints {
  return {
    of: (mappingId) => {
      const shards = saved[mappingId];
      return shards ? new Map(Object.entries(shards)) : undefined;
    },
    started(mappingId) {
      if (saved[mappingId]) return;
      saved[mappingId] = {};
      save(saved);
    },
    advance(mappingId, shardId, sequenceNumber) {
      const shards = saved[mappingId] ?? {};
      if (shards[shardId] === sequenceNumber) return;
      saved[mappingId] = { ...shards, [shardId]: sequenceNumber };
      save(saved);
    },
  };
}

/** Stream sequence numbers are decimal strings of growing length: compare them as numbers. */
export function isAtOrBefore(sequenceNumber: string, checkpoint: string): boolean {
  return BigInt(sequenceNumber) <= BigInt(checkpoint);
}
