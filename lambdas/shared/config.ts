/**
 * Each function reads its environment here, once, at cold start. A missing or empty variable fails the
 * init with one message naming every missing name, instead of surfacing later as `undefined` in a call.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
}

export function readConfig<const K extends string>(
  names: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): Readonly<Record<K, string>> {
  const missing = names.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(`Missing required environment variable(s): ${missing.join(', ')}`);
  }
  return Object.freeze(Object.fromEntries(names.map((name) => [name, env[name] as string]))) as Record<
    K,
    string
  >;
}

/** A whole-number setting from the environment (already read by `readConfig`); anything else fails init. */
export function integerSetting(name: string, value: string, min = 0): number {
  const parsed = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

/** A setting that must be one of a few words (already read by `readConfig`); anything else fails init. */
export function oneOf<const T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`);
}
