/**
 * What the start prints about the template settings the local cloud accepts but does not emulate (X-Ray
 * tracing, encryption at rest, a cache cluster's size...). An app of some size asks for dozens, nearly all
 * without consequence on a laptop: listed line by line, they buried the URLs a user starts the cloud for.
 * So the start counts them, and `--verbose` lists them; a user who sees the count knows where to look.
 */
export function notEmulatedLines(warnings: readonly string[], verbose: boolean): string[] {
  if (warnings.length === 0) return [];
  if (verbose) return warnings.map((warning) => `not emulated: ${warning}`);
  const settings = warnings.length === 1 ? 'setting' : 'settings';
  return [
    `Not emulated: ${warnings.length} template ${settings} accepted without effect here (--verbose lists them).`,
  ];
}
