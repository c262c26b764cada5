/**
 * Finds a correlation id in what an emitter hands over (a function's event or result, an event
 * envelope, a JSON log line). Generic on purpose: the local cloud knows no app, so it looks for the
 * conventions apps use, a `correlationId` (or `correlation_id`) field at any depth, in JSON nested in
 * strings too (an SQS body, an API response body), or an `X-Correlation-Id` header.
 */
const PATTERNS = [
  /correlation_?id\\*"\s*:\s*\\*"([A-Za-z0-9._:-]{1,128})\\*"/i,
  /x-correlation-id\\*"\s*:\s*\\*"([A-Za-z0-9._:-]{1,128})\\*"/i,
];

/** Looked at only up to here: a huge payload costs no more than a small one. */
const MAX_SCANNED_CHARS = 64 * 1024;

export function correlationIdIn(subject: unknown): string | undefined {
  if (subject === undefined || subject === null) return undefined;
  let text: string;
  try {
    text = typeof subject === 'string' ? subject : JSON.stringify(subject);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  for (const pattern of PATTERNS) {
    const found = pattern.exec(scanned);
    if (found) return found[1];
  }
  return undefined;
}
