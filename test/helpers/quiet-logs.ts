/**
 * What a passing `npm test` prints is jest's results, not the system's logs (see quiet-logs-environment.js,
 * which prints a failed test's lines). Set LOG_LEVEL to see them live.
 */
import { isBundlingAnnouncement } from './build-chatter';

declare global {
  var __functionLogs: string[] | undefined;
}

// The AWS SDK warns once per process that it will soon need Node 22; on this Node 20 machine that is
// known (see docs/running.md) and says nothing about the code under test.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type Write = typeof process.stdout.write;
type Verdict = 'collect' | 'drop' | 'show';
/** One worker runs many test files: streams are patched once, and the current file's array is swapped in. */
const stdout = process.stdout as unknown as { write: Write; quietSink?: string[] | undefined; quiet?: true };

function quieten(stream: { write: Write; quiet?: true }, verdictOf: (text: string) => Verdict): void {
  if (stream.quiet) return;
  const write = stream.write.bind(stream) as Write;
  stream.quiet = true;
  stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const verdict = verdictOf(text);
    const sink = stdout.quietSink;
    if (verdict === 'show' || (verdict === 'collect' && !sink)) return write(chunk, ...rest);
    if (verdict === 'collect') sink?.push(text);
    return true;
  }) as Write;
}

// Powertools writes one JSON object per line: INFO and DEBUG to stdout, WARN and ERROR to stderr.
const functionLog = (text: string): boolean => text.startsWith('{"level":');

if (process.env.LOG_LEVEL) {
  process.env.POWERTOOLS_LOG_LEVEL = process.env.LOG_LEVEL;
} else {
  quieten(stdout, (text) => (functionLog(text) ? 'collect' : 'show'));
  quieten(process.stderr as unknown as { write: Write; quiet?: true }, (text) =>
    functionLog(text) ? 'collect' : isBundlingAnnouncement(text) ? 'drop' : 'show',
  );
  stdout.quietSink = globalThis.__functionLogs;
}
