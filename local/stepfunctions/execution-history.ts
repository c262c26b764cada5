import type { HistoryEvent } from './types';

/** The events of one execution, numbered from 1 as GetExecutionHistory numbers them. */
export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];

  add(type: string, details?: Readonly<Record<string, unknown>>, timestamp = new Date()): void {
    const id = this.events.length + 1;
    // AWS links an event to the one that caused it; the previous event is that one in a sequential run.
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...(details ? { details } : {}) });
  }

  list(): readonly HistoryEvent[] {
    return this.events;
  }
}

/** A JSON value as history events carry it: a JSON string, not truncated. */
export function dataDetails(key: 'input' | 'output', value: unknown): Record<string, unknown> {
  return { [key]: JSON.stringify(value ?? null), [`${key}Details`]: { truncated: false } };
}
