const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * The period of a `rate(value unit)` schedule expression in milliseconds, with AWS's grammar: a positive
 * integer and `minute`/`hour`/`day` singular for 1, plural otherwise. Undefined for anything else,
 * `cron(...)` included (not emulated).
 */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? '';
  if (value <= 0 || (value === 1) !== !unit.endsWith('s')) return undefined;
  const unitMs = UNIT_MS[unit];
  return unitMs === undefined ? undefined : value * unitMs;
}
