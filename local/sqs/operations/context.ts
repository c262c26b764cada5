import type { Input } from '../input';
import type { QueueRegistry } from '../queue-registry';
import type { MessageMoveTask } from './message-move-tasks';

/** What every operation handler works with. */
export interface SqsContext {
  readonly registry: QueueRegistry;
  readonly now: () => number;
  /** The `SenderId` recorded on messages sent through the API. */
  readonly senderId: string;
  /** Aborted when the service closes, so pending long polls answer at once. */
  readonly closing: AbortSignal;
  /** StartMessageMoveTask's tasks by source queue ARN, for ListMessageMoveTasks. */
  readonly moveTasks: Map<string, readonly MessageMoveTask[]>;
}

export type Operation = (context: SqsContext, input: Input) => unknown | Promise<unknown>;
