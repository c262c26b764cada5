import { NotFoundError } from '../errors';

/**
 * A path parameter that must be an id in the form its service mints (`pattern`): anything else cannot
 * exist, so it is a 404 (`notFound(id)` says of what) without a database call.
 */
export function pathIdOrNotFound(
  raw: string | undefined,
  pattern: RegExp,
  notFound: (id: string) => string,
): string {
  const id = raw ?? '';
  if (!pattern.test(id)) throw new NotFoundError(notFound(id));
  return id;
}
