import { reject } from './errors';
import type { ValueMatcher } from './types';

/**
 * IP addresses as AWS compares them: as 4 or 16 bytes, so every textual form of an address is the same
 * address ("2001:db8::" and "2001:0db8:0:0:0:0:0:0"). These shapes decide whether a string is even tried as
 * an address (event-ruler's IPv4/IPv6 pre-checks); parsing then decides whether it is a valid one.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const IPV6_WITH_IPV4_TAIL = /^[0-9a-fA-F:]*:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;

type Address = Uint8Array;

function looksLikeAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text) || IPV6_WITH_IPV4_TAIL.test(text);
}

/** The bytes of an IPv4 or IPv6 literal, or undefined when `text` is not one. */
export function parseAddress(text: string): Address | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (text.includes(':') && looksLikeAddress(text)) return parseIpv6(text);
  return undefined;
}

function parseIpv4(text: string): Address | undefined {
  const parts = text.split('.');
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const n = Number(parts[i]);
    if (!Number.isInteger(n) || n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

function parseIpv6(text: string): Address | undefined {
  let head = text;
  let ipv4Tail: Address | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    ipv4Tail = parseIpv4(text.slice(lastColon + 1));
    if (ipv4Tail === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`; // the 4 tail bytes take two groups' room
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const left = groupsOf(halves[0]);
  const right = groupsOf(halves[1]);
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  for (const [i, group] of groups.entries()) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const n = Number.parseInt(group, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  }
  if (ipv4Tail !== undefined) bytes.set(ipv4Tail, 12);
  // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address, as Java's InetAddress (and so AWS) reads it
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function compare(a: Address, b: Address): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function inRange(value: unknown, low: Address, high: Address): boolean {
  if (typeof value !== 'string') return false;
  const address = parseAddress(value);
  return (
    address !== undefined &&
    address.length === low.length &&
    compare(address, low) >= 0 &&
    compare(address, high) <= 0
  );
}

/**
 * A plain string in a value list that is an IP literal matches the same address in any spelling, as in AWS;
 * returns undefined for any other string, which then matches exactly.
 */
export function addressLiteralMatcher(text: string): ValueMatcher | undefined {
  const address = parseAddress(text);
  if (address === undefined) return undefined;
  return (value) => value === text || inRange(value, address, address);
}

/**
 * `{"cidr": "10.0.0.0/24"}`: every address whose first mask bits equal the given address's (the host bits
 * written in the pattern do not matter). AWS takes at most 31 (IPv4) or 127 (IPv6) mask bits: a single
 * address is matched by writing it as a plain value instead.
 */
export function compileCidr(text: string): ValueMatcher {
  // Java's split drops trailing empty strings: "10.0.0.0/" has no mask at all
  const parts = text.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const [addressText = '', maskText = ''] = parts;
  if (parts.length !== 2) reject("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d{1,10}$/.test(maskText) || Math.abs(Number(maskText)) > 2 ** 31 - 1) {
    reject('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) reject('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeAddress(addressText)) reject(`Nonstandard IP address: ${addressText}`);
  const address = parseAddress(addressText);
  if (address === undefined) reject(`Invalid IP address: ${addressText}`);
  if (address.length === 4 && maskBits > 31) reject('IPv4 mask bits must be < 32');
  if (address.length === 16 && maskBits > 127) reject('IPv6 mask bits must be < 128');
  const low = Uint8Array.from(address);
  const high = Uint8Array.from(address);
  for (let bit = maskBits; bit < address.length * 8; bit++) {
    const index = bit >> 3;
    const hostBit = 0x80 >> (bit & 7);
    low[index] = (low[index] ?? 0) & ~hostBit;
    high[index] = (high[index] ?? 0) | hostBit;
  }
  return (value) => inRange(value, low, high);
}
