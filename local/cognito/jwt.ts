import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { isRecord } from '../apigateway/resource-properties';

/**
 * RS256 JSON web tokens (RFC 7519 / 7515 compact form) with node:crypto alone: what Cognito issues and
 * what API Gateway's user pool authorizer checks.
 */

export type JwtClaims = Readonly<Record<string, unknown>>;

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: JwtClaims;
  /** `<header>.<payload>` as sent: what the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signJwt(claims: JwtClaims, key: { kid: string; privateKey: KeyObject }): string {
  const signingInput = `${base64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** The parts of a compact JWT, or undefined when it is not one (three base64url parts, JSON objects). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const json = (part: string): unknown => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const headerJson = json(header);
  const claims = json(payload);
  if (!isRecord(headerJson) || !isRecord(claims)) return undefined;
  return {
    header: headerJson,
    claims,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Whether an RS256 token's signature was made with the private half of `publicKey`. */
export function hasValidSignature(token: DecodedJwt, publicKey: KeyObject): boolean {
  if (token.header.alg !== 'RS256') return false;
  return createVerify('RSA-SHA256').update(token.signingInput).verify(publicKey, token.signature);
}

/**
 * Whether a token is signed by `key` (its `kid` the key's, RS256) and its `exp` is still ahead at `nowMs`:
 * the checks every JWT consumer here makes first, whoever issued the key.
 */
export function isSignedAndCurrent(
  token: DecodedJwt,
  key: { readonly kid: string; readonly publicKey: KeyObject },
  nowMs: number,
): boolean {
  const { exp } = token.claims;
  return (
    token.header.kid === key.kid &&
    hasValidSignature(token, key.publicKey) &&
    typeof exp === 'number' &&
    exp * 1000 > nowMs
  );
}
