import { clientCredentialsClaims } from './access-token';
import { signJwt } from './jwt';
import { type PublicJwk, publicJwk, type SigningKey, signingKeysFor } from './signing-keys';
import { UserDirectory } from './user-directory';
import type { AppClientModel, UserPoolModel } from './user-pool-model';
import { UserSignIn } from './user-sign-in';
import { type VerifiedUserPoolToken, verifyUserPoolToken } from './verify-token';

export interface LocalUserPoolsOptions {
  /** Keeps the pools' signing keys, users and refresh tokens here across restarts; in memory when absent. */
  readonly dataDir?: string;
  /** The clock tokens are issued by; for tests. */
  readonly now?: () => number;
}

/**
 * The user pools of the assembly with a signing key each: issues their access tokens, verifies tokens
 * for API Gateway's user pool authorizer, and publishes each pool's JWKS. Their users (`users`) sign in
 * through `signIn`.
 */
export class LocalUserPools {
  private readonly keys: Map<string, SigningKey>;
  private readonly byIssuer: Map<string, UserPoolModel>;
  private readonly now: () => number;
  readonly users: UserDirectory;
  readonly signIn: UserSignIn;

  constructor(
    readonly pools: readonly UserPoolModel[],
    options: LocalUserPoolsOptions = {},
  ) {
    this.keys = signingKeysFor(
      pools.map((pool) => pool.id),
      options.dataDir,
    );
    this.byIssuer = new Map(pools.map((pool) => [pool.issuer, pool]));
    this.now = options.now ?? Date.now;
    this.users = new UserDirectory(options.dataDir, this.now);
    this.signIn = new UserSignIn(this, this.users, this.now);
  }

  pool(poolId: string): UserPoolModel | undefined {
    return this.pools.find((pool) => pool.id === poolId);
  }

  /** The pool a domain prefix (`shop-auth`) belongs to. */
  poolOfDomain(prefix: string): UserPoolModel | undefined {
    return this.pools.find((pool) => pool.domains.includes(prefix));
  }

  issueAccessToken(
    pool: UserPoolModel,
    client: AppClientModel,
    scopes: readonly string[],
  ): { accessToken: string; expiresIn: number } {
    const claims = clientCredentialsClaims(pool, client, scopes, this.now());
    return {
      accessToken: signJwt(claims, this.signingKey(pool.id)),
      expiresIn: client.accessTokenValiditySeconds,
    };
  }

  /** Whether `issuer` (a JWT's `iss`) is one of these pools'. */
  issues(issuer: string): boolean {
    return this.byIssuer.has(issuer);
  }

  /** A token one of these pools issued, still valid at `nowMs`; undefined for anything else. */
  verify(token: string, nowMs: number): VerifiedUserPoolToken | undefined {
    return verifyUserPoolToken(
      token,
      (issuer) => {
        const pool = this.byIssuer.get(issuer);
        return pool ? { pool, key: this.signingKey(pool.id) } : undefined;
      },
      nowMs,
    );
  }

  /** `GET /<poolId>/.well-known/jwks.json`: the public half of the pool's key. */
  jwks(poolId: string): { keys: PublicJwk[] } | undefined {
    const key = this.keys.get(poolId);
    return key ? { keys: [publicJwk(key)] } : undefined;
  }

  signingKey(poolId: string): SigningKey {
    const key = this.keys.get(poolId);
    if (!key) throw new Error(`user pool ${poolId} has no signing key`);
    return key;
  }
}
