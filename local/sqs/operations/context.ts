import type { Input } from '../input';
import type { QueueRegistry } from '../queue-registry';

/** What every operation handler works with. */
export interface SqsContext {
  readonly registry: QueueRegistry;
  readonly now: () => number;
  /** The `SenderId` recorded on messages sent through the API. */
  readonly senderId: string;
  /** Aborted when the service closes, so pending long polls answer at once. */
  readonly closing: AbortSignal;
}

export type Operation = (context: SqsContext, input: Input) => unknown | Promise<unknown>;
