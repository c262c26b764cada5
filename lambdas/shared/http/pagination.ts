import type * as z from 'zod/mini';
import { InvalidRequestError } from '../errors';
import type { HttpRequest } from './http-handler';

/**
 * `?limit=` and `?cursor=` for every list endpoint. A cursor is opaque to clients: base64url of a small JSON
 * object that only the endpoint which issued it can read back. Each endpoint states the exact shape of its
 * cursors (a strict schema, bound to the order or customer listed), and nothing else is accepted: a forged
 * cursor must never reach the database, where an empty or ill-typed key value is a ValidationException
 * (a 500). Anything malformed is a 400, never a 500 and never a silently restarted listing.
 */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface PageRequest<TCursor> {
  readonly limit: number;
  /** The decoded cursor, or undefined for the first page. */
  readonly cursor: TCursor | undefined;
}

export function pageRequest<TCursor>(
  request: HttpRequest,
  cursorSchema: z.ZodMiniType<TCursor>,
): PageRequest<TCursor> {
  return {
    limit: parseLimit(request.queryParameter('limit')),
    cursor: decodeCursor(request.queryParameter('cursor'), cursorSchema),
  };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  const limit = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT)) {
    throw new InvalidRequestError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`, [
      { path: 'limit', message: `must be an integer between 1 and ${MAX_PAGE_LIMIT}` },
    ]);
  }
  return limit;
}

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor<TCursor>(raw: string | undefined, schema: z.ZodMiniType<TCursor>): TCursor | undefined {
  if (raw === undefined) return undefined;
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(raw)) throw new Error('not base64url');
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw malformedCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw malformedCursor();
  return parsed.data;
}

function malformedCursor(): InvalidRequestError {
  return new InvalidRequestError('The cursor is not one this endpoint issued; start again without it.', [
    { path: 'cursor', message: 'malformed cursor' },
  ]);
}
