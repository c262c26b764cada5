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

/** What a correlation id may look like: the characters PATTERNS accept, so both finders agree. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Header pairs as either side of an exchange has them: `[name, value]`, a value possibly repeated. */
export type HeaderPairs = Iterable<readonly [string, string | readonly string[] | undefined]>;

/** The `X-Correlation-Id` header's value (any case, the first if repeated), when it is a safe id. */
export function headerCorrelationId(headers: HeaderPairs): string | undefined {
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'x-correlation-id') continue;
    const first = typeof value === 'string' ? value : value?.[0];
    if (first !== undefined && SAFE_ID.test(first.trim())) return first.trim();
  }
  return undefined;
}

/**
 * An API request's correlation id: the function's answer names it first (it makes one up when the
 * caller sent none, and always answers with it), else the caller's own header (a gateway refusal, a
 * function that answered without it).
 */
export function requestCorrelationId(response: HeaderPairs, request: HeaderPairs): string | undefined {
  return headerCorrelationId(response) ?? headerCorrelationId(request);
}

/** A queue message as a batch's event record carries it. */
export interface CorrelatedMessage {
  readonly body: string;
  readonly messageAttributes?: Readonly<Record<string, { readonly stringValue?: string | undefined }>>;
}

/** Message attributes that name a correlation id: `correlationId`, `transactionCorrelationId`, ... */
const CORRELATION_ATTRIBUTE = /correlation_?id$/i;

/**
 * A queue message's correlation id: an attribute named for it first (it names the business transaction
 * explicitly, where a body's `correlationId` may pair a reply with its request), else one in the body
 * (an EventBridge envelope's `detail.metadata`, a JSON message's own field). A body that is not JSON
 * just has none.
 */
export function messageCorrelationId(message: CorrelatedMessage): string | undefined {
  for (const [name, attribute] of Object.entries(message.messageAttributes ?? {})) {
    const value = attribute.stringValue?.trim();
    if (CORRELATION_ATTRIBUTE.test(name) && value !== undefined && SAFE_ID.test(value)) return value;
  }
  return correlationIdIn(message.body);
}

/** The distinct correlation ids of a batch's messages, in message order: a batch may serve several. */
export function batchCorrelationIds(messages: readonly CorrelatedMessage[]): string[] {
  const ids = new Set<string>();
  for (const message of messages) {
    const id = messageCorrelationId(message);
    if (id) ids.add(id);
  }
  return [...ids];
}
