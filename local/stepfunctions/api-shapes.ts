import { AwsServiceError } from '../endpoint/aws-json-service';
import type { ClosedExecution } from './closed-execution';
import type { Execution } from './execution';
import type { HistoryEvent } from './types';

/** awsJson timestamps are epoch seconds (fractional), which the SDK turns back into Dates. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: ${field} must not be null`,
    );
  }
  return value;
}

export function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new AwsServiceError('ValidationException', `${field} must be a string`);
  return value;
}

/** DescribeExecution's answer (also the base of StartSyncExecution's). */
export function describeExecutionOutput(execution: Execution | ClosedExecution) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.machine.arn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
    input: execution.input,
    inputDetails: { included: true },
    ...(execution.output === undefined
      ? {}
      : { output: execution.output, outputDetails: { included: true } }),
    ...(execution.error === undefined ? {} : { error: execution.error }),
    ...(execution.cause === undefined ? {} : { cause: execution.cause }),
    redriveCount: 0,
  };
}

/**
 * A history event on the wire: details under `<type>EventDetails` (`taskFailedEventDetails`), except that
 * every `<Kind>StateEntered` / `<Kind>StateExited` shares `stateEnteredEventDetails` / `stateExitedEventDetails`.
 */
export function historyEventOutput(event: HistoryEvent) {
  const kind = /State(Entered|Exited)$/.exec(event.type)?.[0] ?? event.type;
  const key = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}EventDetails`;
  return {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: epochSeconds(event.timestamp),
    type: event.type,
    ...(event.details ? { [key]: event.details } : {}),
  };
}

/** `maxResults` / `nextToken` paging over an in-memory list; the token is an opaque offset. */
export function page<T>(
  items: readonly T[],
  input: Record<string, unknown>,
): { items: T[]; nextToken?: string } {
  const max =
    typeof input.maxResults === 'number' && input.maxResults > 0 ? Math.min(input.maxResults, 1000) : 100;
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number.parseInt(Buffer.from(String(input.nextToken), 'base64url').toString(), 10);
    if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidToken', 'Invalid nextToken');
  }
  const end = start + max;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}
