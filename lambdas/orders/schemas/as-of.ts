import { InvalidRequestError } from '../../shared/errors';

// An ISO-8601 date-time with an explicit offset: a bare date or local time would be ambiguous.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `?asOf=` into the canonical form events are stamped with (`Date.toISOString`, UTC, milliseconds),
 * so it compares with stored times as a string. Impossible dates (February 30th) are refused, not rolled over.
 */
export function parseAsOf(raw: string): string {
  const match = DATE_TIME.exec(raw);
  const instant = match === null ? Number.NaN : Date.parse(raw);
  if (match === null || Number.isNaN(instant) || !isRealCalendarDate(match)) {
    throw new InvalidRequestError(
      'asOf must be an ISO-8601 date-time with an offset, e.g. 2026-05-01T12:00:00Z.',
      [{ path: 'asOf', message: 'must be an ISO-8601 date-time with Z or ±hh:mm' }],
    );
  }
  return new Date(instant).toISOString();
}

function isRealCalendarDate(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0)) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    (hour as number) < 24 &&
    (minute as number) < 60 &&
    (second as number) < 60
  );
}
