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
