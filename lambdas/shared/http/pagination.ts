import { InvalidRequestError } from '../errors';
import type { HttpRequest } from './http-handler';

/**
 * `?limit=` and `?cursor=` for every list endpoint. A cursor is opaque to clients: base64url of a small JSON
 * object that only the endpoint which issued it can read back. Anything malformed is a 400, never a 500
 * and never a silently restarted listing.
 */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface PageRequest {
  readonly limit: number;
  /** The decoded cursor, or undefined for the first page. */
  readonly cursor: Record<string, unknown> | undefined;
}

export function pageRequest(request: HttpRequest): PageRequest {
  return {
    limit: parseLimit(request.queryParameter('limit')),
    cursor: decodeCursor(request.queryParameter('cursor')),
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

function decodeCursor(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  try {
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(raw)) throw new Error('not base64url');
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded))
      throw new Error('not an object');
    return decoded as Record<string, unknown>;
  } catch {
    throw malformedCursor();
  }
}

export function malformedCursor(): InvalidRequestError {
  return new InvalidRequestError('The cursor is not one this endpoint issued; start again without it.', [
    { path: 'cursor', message: 'malformed cursor' },
  ]);
}
