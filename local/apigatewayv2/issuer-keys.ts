import { createPublicKey, type KeyObject } from 'node:crypto';
import { isRecord } from '../apigateway/resource-properties';
import { TtlCache } from '../shared/ttl-cache';

/** API Gateway may keep an issuer's public keys for two hours. */
const KEEP_KEYS_MS = 2 * 60 * 60 * 1000;
/** After a failed fetch, requests are refused without asking again for this long. */
const RETRY_AFTER_MS = 30_000;
const FETCH_TIMEOUT_MS = 5_000;

type Keys = ReadonlyMap<string, KeyObject>;

/**
 * The RS256 public keys of JWT issuers that are not local user pools, as API Gateway gets them: the
 * issuer's OpenID discovery document (`<issuer>/.well-known/openid-configuration`) names its
 * `jwks_uri`, whose RSA keys are kept by `kid`. Fetched when a request first needs them, kept two hours;
 * an issuer out of reach (or a document that is not one) has no keys, so its tokens are refused (401).
 */
export class IssuerKeys {
  private readonly fetched: TtlCache<Promise<Keys>>;

  constructor(
    now: () => number = Date.now,
    private readonly fetchJson: (url: string) => Promise<unknown> = getJson,
  ) {
    this.fetched = new TtlCache(now);
  }

  async key(issuer: string, kid: string): Promise<{ kid: string; publicKey: KeyObject } | undefined> {
    let keys = this.fetched.get(issuer);
    if (!keys) {
      const loading = this.load(issuer);
      keys = loading;
      this.fetched.set(issuer, loading, KEEP_KEYS_MS);
      // A failure is remembered briefly, not for the two hours good keys are.
      void loading.then((found) => {
        if (found.size === 0 && this.fetched.get(issuer) === loading)
          this.fetched.set(issuer, loading, RETRY_AFTER_MS);
      });
    }
    const publicKey = (await keys).get(kid);
    return publicKey ? { kid, publicKey } : undefined;
  }

  private async load(issuer: string): Promise<Keys> {
    try {
      const discovery = await this.fetchJson(
        `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      );
      const jwksUri = isRecord(discovery) ? discovery.jwks_uri : undefined;
      if (typeof jwksUri !== 'string') return new Map();
      const jwks = await this.fetchJson(jwksUri);
      const listed = isRecord(jwks) && Array.isArray(jwks.keys) ? jwks.keys : [];
      const keys = new Map<string, KeyObject>();
      for (const jwk of listed) {
        if (!isRecord(jwk) || jwk.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
        try {
          keys.set(jwk.kid, createPublicKey({ key: jwk as never, format: 'jwk' }));
        } catch {
          // A key node:crypto cannot read signs nothing here.
        }
      }
      return keys;
    } catch {
      return new Map();
    }
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
