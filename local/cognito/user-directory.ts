import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import * as path from 'node:path';
import { AwsServiceError } from '../endpoint/aws-json-service';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';
import { checkUserAttributes } from './attribute-schema';
import { newUserNames, signsInAs } from './sign-in-names';
import type { PasswordPolicy, UserPoolModel } from './user-pool-model';

/** `FORCE_CHANGE_PASSWORD` until the user (or an admin, permanently) sets a password of their own. */
export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';

export interface PoolUser {
  readonly username: string;
  /** A UUID for the user's life: the `sub` of their tokens, as in Cognito. */
  readonly sub: string;
  /** `email`, `custom:customerId`, ...; `sub` is not among them (it is the field above). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly status: UserStatus;
  readonly enabled: boolean;
  /** scrypt, `<salt hex>:<hash hex>`: a data directory never holds a password as it was typed. */
  readonly password: string;
  /**
   * When the password was set (epoch ms): a temporary one expires after the pool's validity days. Absent
   * for a user kept in a data directory before it was recorded.
   */
  readonly passwordSet?: number;
  readonly created: number;
  readonly modified: number;
}

/** What a refresh token stands for, until it expires. */
export interface RefreshGrant {
  readonly poolId: string;
  readonly clientId: string;
  readonly username: string;
  readonly expires: number;
  /** The sign-in it continues: its tokens' `auth_time` and `origin_jti`. */
  readonly authTime: number;
  readonly originJti: string;
}

interface StoredState {
  users: Record<string, Record<string, PoolUser>>;
  refreshTokens: Record<string, RefreshGrant>;
}

/**
 * The users of every pool and the refresh tokens issued to them. With a data directory both are kept in
 * `<dataDir>/users.json`, written before a call answers, so a restart keeps every user and lets a client
 * refresh its session as it would on AWS.
 */
export class UserDirectory {
  private readonly state: StoredState;
  private readonly file: string | undefined;

  constructor(
    dataDir: string | undefined,
    private readonly now: () => number,
  ) {
    this.file = dataDir ? path.join(dataDir, 'users.json') : undefined;
    this.state = (this.file && readJsonFile<StoredState>(this.file)) || { users: {}, refreshTokens: {} };
  }

  /** By username, or by the email, phone number or alias the pool lets users sign in with. */
  find(pool: UserPoolModel, name: string): PoolUser | undefined {
    const users = this.state.users[pool.id] ?? {};
    return users[name] ?? Object.values(users).find((user) => signsInAs(pool, user, name));
  }

  /** How many users the pool has (`DescribeUserPool`'s `EstimatedNumberOfUsers`, exact here). */
  count(pool: UserPoolModel): number {
    return Object.keys(this.state.users[pool.id] ?? {}).length;
  }

  /** `AdminCreateUser`: a new user with a temporary password, who must set their own at first sign-in. */
  create(
    pool: UserPoolModel,
    username: string,
    attributes: Readonly<Record<string, string>>,
    temporaryPassword: string | undefined,
  ): PoolUser {
    const names = newUserNames(pool, username, attributes);
    if (this.find(pool, username)) {
      throw new AwsServiceError(
        'UsernameExistsException',
        pool.usernameAttributes.length > 0
          ? `An account with the given ${username.includes('@') ? 'email' : 'phone_number'} already exists.`
          : 'User account already exists',
      );
    }
    checkUserAttributes(pool.attributes, names.attributes);
    const password = temporaryPassword ?? generatedPassword();
    checkPassword(pool.passwordPolicy, password);
    const now = this.now();
    const user: PoolUser = {
      ...names,
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      password: hashPassword(password),
      passwordSet: now,
      created: now,
      modified: now,
    };
    this.save(pool, user);
    return user;
  }

  /** `AdminSetUserPassword` and a new-password challenge's answer. */
  setPassword(pool: UserPoolModel, user: PoolUser, password: string, permanent: boolean): PoolUser {
    checkPassword(pool.passwordPolicy, password);
    const now = this.now();
    const updated: PoolUser = {
      ...user,
      password: hashPassword(password),
      passwordSet: now,
      status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      modified: now,
    };
    this.save(pool, updated);
    return updated;
  }

  /**
   * `AdminCreateUser` with `MessageAction: RESEND`: a user who has not yet chosen a password gets a new
   * temporary one (given, or made as Cognito would mail one), valid for the pool's days again.
   */
  renewTemporaryPassword(
    pool: UserPoolModel,
    user: PoolUser,
    temporaryPassword: string | undefined,
  ): PoolUser {
    if (user.status !== 'FORCE_CHANGE_PASSWORD') {
      throw new AwsServiceError(
        'UnsupportedUserStateException',
        `Resend not possible. ${user.username} status is ${user.status}.`,
      );
    }
    return this.setPassword(pool, user, temporaryPassword ?? generatedPassword(), false);
  }

  /** Whether a user's temporary password is past the pool's `TemporaryPasswordValidityDays`. */
  temporaryPasswordExpired(pool: UserPoolModel, user: PoolUser): boolean {
    const validMs = pool.passwordPolicy.temporaryPasswordValidityDays * 86_400_000;
    // A user kept before passwordSet was recorded counts from their last change.
    return (
      user.status === 'FORCE_CHANGE_PASSWORD' && this.now() > (user.passwordSet ?? user.modified) + validMs
    );
  }

  delete(pool: UserPoolModel, user: PoolUser): void {
    const { username } = user;
    delete this.state.users[pool.id]?.[username];
    for (const [token, grant] of Object.entries(this.state.refreshTokens)) {
      if (grant.poolId === pool.id && grant.username === username) delete this.state.refreshTokens[token];
    }
    this.persist();
  }

  /** The user, if `password` is theirs (compared in constant time). */
  authenticate(pool: UserPoolModel, username: string, password: string): PoolUser | undefined {
    const user = this.find(pool, username);
    return user?.enabled && passwordMatches(user.password, password) ? user : undefined;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, 'expires'>, validitySeconds: number): string {
    const token = randomBytes(48).toString('base64url');
    this.state.refreshTokens[token] = { ...grant, expires: this.now() + validitySeconds * 1000 };
    this.persist();
    return token;
  }

  /** The grant a refresh token stands for, while it has not expired. */
  refreshGrant(token: string): RefreshGrant | undefined {
    const grant = this.state.refreshTokens[token];
    return grant && grant.expires > this.now() ? grant : undefined;
  }

  private save(pool: UserPoolModel, user: PoolUser): void {
    this.state.users[pool.id] = { ...this.state.users[pool.id], [user.username]: user };
    this.persist();
  }

  private persist(): void {
    if (this.file) writeJsonAtomically(this.file, this.state);
  }
}

/** The pool's password policy, with Cognito's words for what is missing. */
export function checkPassword(policy: PasswordPolicy, password: string): void {
  const missing: string[] = [];
  if (password.length < policy.minimumLength) missing.push('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password))
    missing.push('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password))
    missing.push('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) missing.push('Password must have numeric characters');
  if (policy.requireSymbols && !/[^A-Za-z0-9]/.test(password))
    missing.push('Password must have symbol characters');
  if (missing.length > 0) {
    throw new AwsServiceError(
      'InvalidPasswordException',
      `Password did not conform with policy: ${missing[0]}`,
    );
  }
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(stored: string, password: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'hex'), 32), Buffer.from(hash, 'hex'));
}

/** What Cognito would email as a temporary password when none is given (no email is sent locally). */
function generatedPassword(): string {
  return `Tmp-${randomBytes(9).toString('base64url')}9a!`;
}
