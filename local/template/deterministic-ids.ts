import { createHash } from 'node:crypto';

/**
 * Ids AWS would make up at random (REST API ids, key ids, event source mapping UUIDs) are derived here
 * from a stable seed (stack name + logical id + purpose): the same assembly always gets the same ids, so a
 * persistent data directory and any URL a developer bookmarked survive a restart.
 */

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/**
 * `size` bytes from the seed: its digest, then digests of `<seed>#<n>` for longer ids (a client secret),
 * so an id never repeats itself and ids up to 32 characters stay what they always were.
 */
function bytesOf(seed: string, size: number): Buffer {
  const blocks = [digest(seed)];
  for (let block = 1; blocks.length * 32 < size; block += 1) blocks.push(digest(`${seed}#${block}`));
  return Buffer.concat(blocks);
}

function fromAlphabet(seed: string, size: number, alphabet: string): string {
  const bytes = bytesOf(seed, size);
  return Array.from({ length: size }, (_, index) => alphabet[(bytes[index] ?? 0) % alphabet.length]).join('');
}

/** Lowercase letters and digits, like a REST API id (`a1b2c3d4e5`). */
export function shortId(seed: string, size = 10): string {
  return fromAlphabet(seed, size, LOWER_ALPHANUMERIC);
}

/** Uppercase letters and digits, like the tail of an IAM unique id (`AROA...`). */
export function upperId(seed: string, size: number): string {
  return fromAlphabet(seed, size, UPPER_ALPHANUMERIC);
}

/** Letters of both cases and digits, like the tail of a Cognito user pool id (`us-east-1_AbC123xYz`). */
export function mixedId(seed: string, size: number): string {
  return fromAlphabet(seed, size, MIXED_ALPHANUMERIC);
}

/** A UUID-shaped id (version 5 layout) derived from the seed. */
export function uuidFrom(seed: string): string {
  const hex = digest(seed).toString('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A hex string of the given length, e.g. for API key values. */
export function hexId(seed: string, size: number): string {
  return digest(seed).toString('hex').slice(0, size);
}
