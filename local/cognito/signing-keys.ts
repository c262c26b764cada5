import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import * as path from 'node:path';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';

/** One pool's RS256 key pair, as its JWKS publishes the public half. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** A JSON web key as Cognito's `/.well-known/jwks.json` lists it. */
export interface PublicJwk {
  readonly kid: string;
  readonly alg: 'RS256';
  readonly kty: 'RSA';
  readonly use: 'sig';
  readonly n: string;
  readonly e: string;
}

type StoredKeys = Record<string, { kid: string; privateKeyPem: string }>;

/**
 * A key pair per user pool, made at start. With a data directory the keys are kept in
 * `<dataDir>/signing-keys.json`, so tokens issued before a restart still verify after it (a client
 * that caches its token, as it should, keeps working); without one they live in memory.
 */
export function signingKeysFor(poolIds: readonly string[], dataDir?: string): Map<string, SigningKey> {
  const file = dataDir ? path.join(dataDir, 'signing-keys.json') : undefined;
  const stored: StoredKeys = (file && readJsonFile<StoredKeys>(file)) || {};
  let changed = false;
  const keys = new Map<string, SigningKey>();
  for (const poolId of poolIds) {
    const known = stored[poolId];
    if (known) {
      const privateKey = createPrivateKey(known.privateKeyPem);
      keys.set(poolId, { kid: known.kid, privateKey, publicKey: createPublicKey(privateKey) });
      continue;
    }
    const key = newSigningKey();
    keys.set(poolId, key);
    stored[poolId] = {
      kid: key.kid,
      privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    changed = true;
  }
  if (file && changed) writeJsonAtomically(file, stored);
  return keys;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Cognito's key ids are base64 strings; a digest of the public key makes one that names this key only.
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  return { kid, privateKey, publicKey };
}

export function publicJwk(key: SigningKey): PublicJwk {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kid: key.kid, alg: 'RS256', kty: 'RSA', use: 'sig', n: n ?? '', e: e ?? '' };
}
