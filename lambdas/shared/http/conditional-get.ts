/**
 * Conditional GET (RFC 9110 §13.1.2): `If-None-Match` against the representation's entity tag, with the
 * weak comparison a GET uses (`W/"6"` matches `"6"`), a list of tags, or `*` for any current representation.
 * A poller that sends back the last ETag it saw gets a bodiless `304` until something changed.
 */
export function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return true;
  const header = ifNoneMatch.trim();
  if (header === '*') return false;
  const current = opaqueTag(etag);
  return !entityTags(header).some((tag) => opaqueTag(tag) === current);
}

/** A version's weak entity tag: equal versions are the same representation, byte for byte or not. */
export function weakEtag(version: number): string {
  return `W/"${version}"`;
}

/** The tags of a comma-separated list; a comma may sit inside a quoted tag, so split on quotes, not commas. */
function entityTags(header: string): string[] {
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
