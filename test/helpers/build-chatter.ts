/** CDK announces every asset it bundles on stderr ("Bundling asset <path>..."): build chatter in a test run. */
export function isBundlingAnnouncement(text: string): boolean {
  return /^Bundling asset \S+\.\.\.\n$/.test(text);
}

/**
 * For code that synthesizes outside a test file's context (a jest global setup), where the setup files that
 * quieten the streams do not run: drops the announcements from this process's stderr.
 */
export function dropBundlingAnnouncements(): void {
  const stderr = process.stderr as typeof process.stderr & { quietBuild?: true };
  if (stderr.quietBuild) return;
  const write = stderr.write.bind(stderr);
  stderr.quietBuild = true;
  stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && isBundlingAnnouncement(chunk)
      ? true
      : write(chunk, ...rest)) as typeof stderr.write;
}
