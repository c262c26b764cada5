import { dataDetails, type ExecutionHistory } from './execution-history';
import type { StateMachine } from './interpreter';
import type { TaskEventLog } from './task-event-log';
import type { StateStep } from './types';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface EventSink {
  readonly history: ExecutionHistory;
  readonly taskLog: TaskEventLog;
  /** Prints one trace line about a state (`state <name> <what>`); the caller prefixes the execution. */
  readonly trace: (line: string, step: StateStep) => void;
}

/**
 * Turns the interpreter's event stream into GetExecutionHistory events (`TaskStateEntered`,
 * `LambdaFunctionSucceeded`, `MapIterationStarted`, ...) and trace lines. Execution start and end are
 * recorded by the execution itself (they must be visible the moment StartExecution answers).
 */
export async function recordInterpreterEvents(
  events: AsyncGenerator<EventLog>,
  sink: EventSink,
): Promise<void> {
  const caught = new Set<string>();
  for await (const event of events) {
    switch (event.type) {
      case 'StateEntered':
        sink.history.add(`${event.state.type}StateEntered`, {
          name: event.state.name,
          ...dataDetails('input', event.state.input),
        });
        sink.trace(`state ${event.state.name} entered`, { state: event.state.name, step: 'entered' });
        break;
      case 'StateExited':
        flushTask(sink, event.state.name);
        sink.history.add(`${event.state.type}StateExited`, {
          name: event.state.name,
          ...dataDetails('output', event.state.output),
        });
        if (!caught.delete(event.state.name))
          sink.trace(`state ${event.state.name} succeeded`, { state: event.state.name, step: 'succeeded' });
        break;
      case 'StateFailed':
        flushTask(sink, event.state.name, event.Error);
        sink.trace(`state ${event.state.name} failed: ${event.Error}`, {
          state: event.state.name,
          step: 'failed',
        });
        break;
      case 'StateRetried':
        sink.trace(`state ${event.state.name} retrying (attempt ${event.retry.attempt})`, {
          state: event.state.name,
          step: 'retrying',
        });
        break;
      case 'StateCaught':
        caught.add(event.state.name);
        sink.trace(`state ${event.state.name} caught -> ${event.catch.catcher.Next}`, {
          state: event.state.name,
          step: 'caught',
        });
        break;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        sink.history.add(
          event.type,
          { name: event.parentState.name, index: event.index },
          new Date(event.timestamp),
        );
        break;
      default:
        // Execution start/end (recorded by the execution) and Parallel branch events (no AWS counterpart).
        break;
    }
  }
}

function flushTask(sink: EventSink, stateName: string, error?: string): void {
  for (const event of sink.taskLog.end(stateName, error))
    sink.history.add(event.type, event.details, event.timestamp);
}
