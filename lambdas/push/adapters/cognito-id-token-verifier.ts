import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { IdTokenVerifier } from '../ports/id-token-verifier';

export interface CognitoIdTokens {
  readonly userPoolId: string;
  /** The app clients whose users may connect: a token's `aud` must be one of them. */
  readonly clientIds: readonly string[];
  /**
   * Where the pool's JWKS is served instead of its issuer: the cognito-idp endpoint the SDKs are pointed
   * at (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` or `AWS_ENDPOINT_URL`), which serves it under the
   * pool's path as Cognito does. Unset on AWS: the issuer's own `/.well-known/jwks.json`.
   */
  readonly endpoint?: string;
  readonly fetchTimeoutMs?: number;
}

/**
 * The shop's user pool's ID tokens, verified by aws-jwt-verify: RS256 by a key of the pool's JWKS
 * (fetched once, again only for a `kid` it does not know), issuer the pool, `token_use` id, audience one
 * of the apps' clients, not expired. The issuer checked is always the pool's own.
 */
export function cognitoIdTokenVerifier(props: CognitoIdTokens): IdTokenVerifier {
  const timeoutMs = props.fetchTimeoutMs ?? 2_000;
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri) {
        const response = await fetch(jwksLocation(uri, props), { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: props.userPoolId, tokenUse: 'id', clientId: [...props.clientIds] },
    { jwksCache },
  );
  return { verify: async (token) => (await verifier.verify(token)) as Record<string, unknown> };
}

/** The issuer's JWKS address, moved to the configured endpoint when there is one. */
function jwksLocation(uri: string, { endpoint, userPoolId }: CognitoIdTokens): string {
  return endpoint === undefined ? uri : `${endpoint.replace(/\/+$/, '')}/${userPoolId}/.well-known/jwks.json`;
}
