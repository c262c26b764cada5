import { randomUUID } from 'node:crypto';
import { busNameOf, isRecord } from '../model/properties';
import { type EventEnvelope, eventTime } from './envelope';

/** One PutEvents entry, as the SDK sends it (awsJson: timestamps are epoch seconds). */
export interface PutEventsEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly EventBusName?: unknown;
  readonly Resources?: unknown;
  readonly Time?: unknown;
  readonly TraceHeader?: unknown;
}

export type EntryOutcome =
  | { readonly ok: true; readonly envelope: EventEnvelope; readonly eventBusName: string }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string };

export interface EntryContext {
  readonly accountId: string;
  readonly region: string;
  readonly busExists: (name: string) => boolean;
  readonly now: () => number;
}

/**
 * Checks one entry the way PutEvents does, per entry, so that one bad entry fails alone (partial
 * failure), and builds the envelope the targets receive.
 */
export function validateEntry(entry: PutEventsEntry, context: EntryContext): EntryOutcome {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value === '') {
      return invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  const detail = parseDetail(entry.Detail as string);
  if (detail === undefined) {
    return { ok: false, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' };
  }
  const eventBusName = busNameOf(typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default');
  if (!context.busExists(eventBusName)) {
    return {
      ok: false,
      errorCode: 'ResourceNotFoundException',
      errorMessage: `Event bus ${eventBusName} does not exist.`,
    };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((item) => typeof item === 'string')) {
    return invalid('Parameter Resources is not valid. Reason: Resources must be a list of strings.');
  }
  const time = timeOf(entry.Time, context.now);
  if (time === undefined) return invalid('Parameter Time is not valid.');
  return {
    ok: true,
    eventBusName,
    envelope: {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: context.accountId,
      time,
      region: context.region,
      resources,
      detail,
    },
  };
}

function invalid(errorMessage: string): EntryOutcome {
  return { ok: false, errorCode: 'InvalidArgument', errorMessage };
}

/** Detail must be a JSON object; any other JSON value is as malformed as broken text. */
function parseDetail(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK sends a Date as epoch seconds (possibly fractional); absent means now. */
function timeOf(value: unknown, now: () => number): string | undefined {
  if (value === undefined || value === null) return eventTime(new Date(now()));
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : eventTime(date);
}
