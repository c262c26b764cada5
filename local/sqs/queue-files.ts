import * as path from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';
import type { LocalSqs } from './local-sqs';
import type { QueueSnapshot } from './sqs-queue';

/**
 * Keeps the messages of every queue that exists now (the template's) across restarts: each queue's
 * messages are read back from `<dir>/<queue name>.json`, and the file is rewritten (atomically) after
 * every change: a send, a receive (receive counts), a delete, a redrive. Changes made in one turn of the
 * event loop are written once, before the API call that made them answers.
 */
export function keepQueueMessagesIn(sqs: LocalSqs, dir: string): void {
  for (const queue of sqs.queues()) {
    const file = path.join(dir, `${queue.identity.name}.json`);
    const saved = readJsonFile<QueueSnapshot>(file);
    if (saved) queue.restore(saved);
    let writePending = false;
    queue.onStateChange(() => {
      if (writePending) return;
      writePending = true;
      queueMicrotask(() => {
        writePending = false;
        writeJsonAtomically(file, queue.snapshot());
      });
    });
  }
}
