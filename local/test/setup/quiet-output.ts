// The AWS SDK warns once per process that it will soon need Node 22; on this Node 20 machine that is
// known (see README) and says nothing about the code under test.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// CDK announces every asset it bundles on stderr ("Bundling asset <path>..."): build chatter in a test run.
// One worker runs many test files: the stream is patched once.
const stderr = process.stderr as typeof process.stderr & { quiet?: true };
if (!stderr.quiet) {
  const writeError = stderr.write.bind(stderr);
  stderr.quiet = true;
  stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && /^Bundling asset \S+\.\.\.\n$/.test(chunk)
      ? true
      : writeError(chunk, ...rest)) as typeof stderr.write;
}
