import * as path from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';
import type { ApiMadeState, LocalSns } from './local-sns';

/**
 * Keeps the topics and subscriptions the API made (CreateTopic, Subscribe, SetSubscriptionAttributes and
 * their undoing) in `<dir>/state.json`, rewritten after each change and read back at start; the templates'
 * own are made from the templates every time. Messages are not kept: SNS holds none (they are in the
 * queues they reached).
 */
export function keepSnsStateIn(sns: LocalSns, directory: string): void {
  const file = path.join(directory, 'state.json');
  const stored = readJsonFile<ApiMadeState>(file);
  if (stored) sns.restore(stored);
  sns.whenChanged(() => writeJsonAtomically(file, sns.madeByApi()));
}
