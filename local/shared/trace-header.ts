import { randomBytes } from 'node:crypto';

/**
 * X-Ray trace headers, as services pass them to each other (`X-Amzn-Trace-Id`, SQS's `AWSTraceHeader`,
 * Lambda's `_X_AMZN_TRACE_ID`): `Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>;Parent=<64 bits,
 * 16 hex>;Sampled=<0|1>`. The root names the whole trace and is kept from service to service; each one
 * that records a segment names it as the parent of the next.
 */
export interface TraceHeader {
  readonly root: string;
  readonly parent?: string;
  readonly sampled?: string;
}

/** A fresh trace root: `1-<epoch seconds, hex>-<24 hex>`. */
export function newTraceRoot(epochMs = Date.now()): string {
  return `1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** A fresh segment id (`Parent=`): 16 hex digits. */
export function newSegmentId(): string {
  return randomBytes(8).toString('hex');
}

/** The fields of a header (keys in any case, any order, spaces allowed); undefined without a root. */
export function parseTraceHeader(header: string | undefined): TraceHeader | undefined {
  if (header === undefined) return undefined;
  const fields = new Map(
    header.split(';').map((field) => {
      const [key = '', ...value] = field.split('=');
      return [key.trim().toLowerCase(), value.join('=').trim()] as const;
    }),
  );
  const root = fields.get('root');
  if (!root) return undefined;
  const parent = fields.get('parent');
  const sampled = fields.get('sampled');
  return { root, ...(parent ? { parent } : {}), ...(sampled ? { sampled } : {}) };
}

export function formatTraceHeader({ root, parent, sampled }: TraceHeader): string {
  return [`Root=${root}`, parent && `Parent=${parent}`, sampled && `Sampled=${sampled}`]
    .filter(Boolean)
    .join(';');
}
