import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressKind } from './public-address';

/**
 * Which callback URLs a stage accepts (SSRF protection). `public-https`: https only, and only to hosts
 * whose every address is public, checked when the URL is given and again when it is called (DNS can
 * change in between). `local`: also plain http, to this machine only, where a developer's receiver
 * listens; nothing is resolved.
 */
export const CALLBACK_URL_POLICIES = ['public-https', 'local'] as const;
export type CallbackUrlPolicy = (typeof CALLBACK_URL_POLICIES)[number];

/** Every address a host name resolves to now (a literal IP resolves to itself). */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

export const resolveHost: ResolveHost = async (hostname) =>
  isIP(hostname) ? [hostname] : (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** A callback URL the policy refuses, and why, in words a caller can act on. */
export class CallbackUrlRefused extends Error {
  override readonly name = 'CallbackUrlRefused';
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Refuses (throws CallbackUrlRefused) a URL the policy does not allow. Outside `local`, a name that does
 * not resolve is refused too: a URL that cannot be called now is a mistake to report, not to retry for a day.
 */
export async function checkCallbackUrl(
  raw: string,
  policy: CallbackUrlPolicy,
  resolve: ResolveHost = resolveHost,
): Promise<void> {
  const url = parseUrl(raw);
  if (url.username !== '' || url.password !== '')
    throw new CallbackUrlRefused('callbackUrl must not carry credentials; authenticate with the signature.');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CallbackUrlRefused('callbackUrl must be an https URL.');
  if (policy === 'local') {
    if (url.protocol === 'https:' || LOOPBACK_NAMES.has(url.hostname) || url.hostname.startsWith('127.'))
      return;
    throw new CallbackUrlRefused('callbackUrl must be https, or plain http to this machine (localhost).');
  }
  if (url.protocol !== 'https:') throw new CallbackUrlRefused('callbackUrl must be an https URL.');
  await publicAddressesOf(hostOf(url), resolve);
}

/**
 * The host's addresses, all of them public, or CallbackUrlRefused: one private address among public ones is
 * enough to refuse, since which one a connection would use is not ours to choose.
 */
export async function publicAddressesOf(hostname: string, resolve: ResolveHost): Promise<readonly string[]> {
  let addresses: readonly string[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw new CallbackUrlRefused(`callbackUrl's host ${hostname} does not resolve.`);
  }
  if (addresses.length === 0)
    throw new CallbackUrlRefused(`callbackUrl's host ${hostname} does not resolve.`);
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind !== 'public')
      throw new CallbackUrlRefused(
        `callbackUrl's host ${hostname} leads to a ${kind} address (${address}); callbacks go to public hosts only.`,
      );
  }
  return addresses;
}

/** The host as DNS and addressKind know it: an IPv6 literal without its URL brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new CallbackUrlRefused('callbackUrl is not a URL.');
  }
}
