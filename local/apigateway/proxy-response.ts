import { isRecord } from './resource-properties';

export type ProxyResponse =
  | {
      readonly ok: true;
      readonly statusCode: number;
      readonly headers: ReadonlyArray<readonly [string, string]>;
      readonly body: Buffer;
    }
  /** API Gateway's "Execution failed due to configuration error: Malformed Lambda proxy response". */
  | { readonly ok: false; readonly reason: string };

/** The only keys API Gateway accepts in a REST API proxy result; any other key makes it malformed. */
const KNOWN_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
/** Headers the HTTP layer owns; a function setting them would corrupt the response framing. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

type HeaderValue = string | number | boolean;
const isHeaderValue = (value: unknown): value is HeaderValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function malformed(reason: string): ProxyResponse {
  return { ok: false, reason };
}

function statusCodeOf(value: unknown): number | undefined {
  // API Gateway reads the status as an integer and accepts a numeric string ("201"); absent means 200.
  if (value === undefined || value === null) return 200;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 100 && number <= 599
    ? number
    : undefined;
}

/**
 * Maps a Lambda proxy result `{ statusCode, headers, multiValueHeaders, body, isBase64Encoded }` to the HTTP
 * response, or says why API Gateway would call it malformed (and answer 502). Rules as observed on AWS:
 * only those five keys; a numeric-string status is fine; header values are scalars; multi-value header
 * values are arrays; the body is a string. When a header is in both maps, `multiValueHeaders` wins.
 */
export function parseProxyResult(payload: unknown): ProxyResponse {
  if (!isRecord(payload))
    return malformed(`the result is ${Array.isArray(payload) ? 'an array' : typeof payload}`);
  const unknown = Object.keys(payload).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) return malformed(`unexpected keys ${JSON.stringify(unknown)}`);

  const statusCode = statusCodeOf(payload.statusCode);
  if (statusCode === undefined)
    return malformed(`statusCode ${JSON.stringify(payload.statusCode)} is not valid`);

  const { headers = null, multiValueHeaders = null, body = null, isBase64Encoded = false } = payload;
  if (headers !== null && (!isRecord(headers) || !Object.values(headers).every(isHeaderValue))) {
    return malformed('headers must map names to strings');
  }
  if (
    multiValueHeaders !== null &&
    (!isRecord(multiValueHeaders) ||
      !Object.values(multiValueHeaders).every(
        (values) => Array.isArray(values) && values.every(isHeaderValue),
      ))
  ) {
    return malformed('multiValueHeaders must map names to arrays of strings');
  }
  if (body !== null && typeof body !== 'string')
    return malformed(`body must be a string, not ${typeof body}`);
  if (typeof isBase64Encoded !== 'boolean') return malformed('isBase64Encoded must be a boolean');

  const merged: Array<readonly [string, string]> = [];
  const multi = (multiValueHeaders ?? {}) as Record<string, HeaderValue[]>;
  const multiNames = new Set(Object.keys(multi).map((name) => name.toLowerCase()));
  for (const [name, values] of Object.entries(multi)) {
    for (const value of values) merged.push([name, String(value)]);
  }
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, HeaderValue>)) {
    if (!multiNames.has(name.toLowerCase())) merged.push([name, String(value)]);
  }
  const kept = merged.filter(([name]) => !FRAMING_HEADERS.has(name.toLowerCase()));
  // API Gateway labels a proxy response without a content type as JSON.
  if (!kept.some(([name]) => name.toLowerCase() === 'content-type'))
    kept.unshift(['Content-Type', 'application/json']);
  const text = body ?? '';
  return {
    ok: true,
    statusCode,
    headers: kept,
    body: isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
