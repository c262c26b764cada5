import { type Backoff, backOff, realTime } from '../../shared/resilience/backoff';
import { decide, type Order, type OrderCommand, rehydrate } from '../domain/order';
import { ConcurrencyConflictError, type StoredEvent } from '../ports/event-store';
import type { OrderRepository } from './order-repository';
import { toOrderEvent, toStoredEvents } from './order-stream';

export interface CommandContext {
  readonly correlationId: string;
  readonly causationId: string;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The clock and id source a command's events are made with. */
export type CommandClock = Pick<CommandContext, 'now' | 'newId'>;

/** A command's context: what caused it (a request, an execution, an event), with the clock and ids. */
export function commandContext(
  clock: CommandClock,
  trace: { readonly correlationId: string; readonly causationId: string },
): CommandContext {
  return {
    correlationId: trace.correlationId,
    causationId: trace.causationId,
    now: clock.now,
    newId: clock.newId,
  };
}

export const DEFAULT_CONFLICT_RETRY: Backoff = {
  maxAttempts: 4,
  baseDelayMs: 10,
  maxDelayMs: 200,
  ...realTime,
};

export interface CommandResult {
  readonly order: Order;
  /** Empty when the command had already taken effect. */
  readonly appended: readonly StoredEvent[];
}

/**
 * Runs a command against an existing order: load, decide, append at the loaded version. When another
 * writer appended first, the whole cycle runs again on the new state (the command may now be redundant or
 * forbidden, which `decide` settles); after `maxAttempts` the conflict reaches the caller (HTTP 409).
 */
export async function executeOrderCommand(
  repository: OrderRepository,
  orderId: string,
  command: Exclude<OrderCommand, { type: 'PlaceOrder' }>,
  context: CommandContext,
  retry: Backoff = DEFAULT_CONFLICT_RETRY,
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await repository.load(orderId);
    const decided = decide(loaded.state, command);
    const current = loaded.state as Order; // decide throws NotFoundError for a missing order
    if (decided.length === 0) return { order: current, appended: [] };
    const appended = toStoredEvents(orderId, current.version, decided, {
      correlationId: context.correlationId,
      causationId: context.causationId,
      // Time never runs backwards within a stream, whatever the clocks of two writers, so `asOf` is exact.
      occurredAt: latest(context.now().toISOString(), current.updatedAt),
      newEventId: context.newId,
    });
    const order = rehydrate(appended.map(toOrderEvent), current) as Order;
    try {
      await repository.append(loaded, appended, order);
      return { order, appended };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= retry.maxAttempts) throw error;
      await backOff(retry, attempt);
    }
  }
}

function latest(a: string, b: string): string {
  return a > b ? a : b;
}
