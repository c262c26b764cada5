import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeJwt, hasValidSignature, signJwt } from '../../../cognito/jwt';
import { newSigningKey, signingKeysFor } from '../../../cognito/signing-keys';
import { verifyUserPoolToken } from '../../../cognito/verify-token';
import { userPoolsFixture } from '../../helpers/user-pool-fixtures';

/** RS256 signing and checking with node:crypto, and the pools' keys kept across restarts. */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const key = newSigningKey();
const claims = { iss: 'https://issuer', token_use: 'access', exp: NOW / 1000 + 60 };

describe('RS256 tokens', () => {
  it('round-trips: header with kid and alg, claims, a signature only the key`s public half accepts', () => {
    const decoded = decodeJwt(signJwt(claims, key));
    expect(decoded?.header).toEqual({ kid: key.kid, alg: 'RS256' });
    expect(decoded?.claims).toEqual(claims);
    expect(decoded && hasValidSignature(decoded, key.publicKey)).toBe(true);
    expect(decoded && hasValidSignature(decoded, newSigningKey().publicKey)).toBe(false);
  });

  it('rejects a token whose payload was changed, or which claims another algorithm', () => {
    const [header, , signature] = signJwt(claims, key).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: 'admin' })).toString('base64url');
    const tampered = decodeJwt(`${header}.${forged}.${signature}`);
    expect(tampered && hasValidSignature(tampered, key.publicKey)).toBe(false);
    const none = Buffer.from(JSON.stringify({ kid: key.kid, alg: 'none' })).toString('base64url');
    const unsigned = decodeJwt(`${none}.${forged}.`);
    expect(unsigned && hasValidSignature(unsigned, key.publicKey)).toBe(false);
  });

  it('is not fooled by things that are not JWTs', () => {
    for (const junk of [
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      '!!.??.**',
      `${Buffer.from('[]').toString('base64url')}.e30.`,
    ])
      expect(decodeJwt(junk)).toBeUndefined();
  });
});

describe('the user pools` token check', () => {
  const { userPools, pool, otherPool, client } = userPoolsFixture({ now: () => NOW });
  const issued = userPools.issueAccessToken(pool, client('Machine'), ['shop/orders.read']).accessToken;
  const sign = (extra: Record<string, unknown>, poolId = pool.id) =>
    signJwt({ ...decodeJwt(issued)?.claims, ...extra }, userPools.signingKey(poolId));

  it('accepts what a pool issued until it expires, and names the pool and its clients', () => {
    const verified = userPools.verify(issued, NOW);
    expect(verified?.poolArn).toBe(pool.arn);
    expect(verified?.clientIds).toEqual([...pool.clients.keys()]);
    expect(userPools.verify(issued, NOW + 1800_000 - 1)).toBeDefined();
    expect(userPools.verify(issued, NOW + 1800_000)).toBeUndefined();
  });

  it('refuses another pool`s key, an unknown kid, an unknown issuer, and a token_use it does not know', () => {
    expect(userPools.verify(sign({}, otherPool.id), NOW)).toBeUndefined();
    expect(userPools.verify(signJwt(decodeJwt(issued)?.claims ?? {}, newSigningKey()), NOW)).toBeUndefined();
    expect(
      userPools.verify(sign({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/x' }), NOW),
    ).toBeUndefined();
    expect(userPools.verify(sign({ token_use: 'refresh' }), NOW)).toBeUndefined();
    expect(userPools.verify(sign({ exp: String(NOW / 1000 + 60) }), NOW)).toBeUndefined();
    expect(verifyUserPoolToken(issued, () => undefined, NOW)).toBeUndefined();
  });
});

describe('signing keys under a data directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cognito-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are kept, so a token issued before a restart still verifies after it', () => {
    const before = userPoolsFixture({ dataDir: dir, now: () => NOW });
    const token = before.userPools.issueAccessToken(before.pool, before.client('Machine'), [
      'shop/orders.read',
    ]);
    const after = userPoolsFixture({ dataDir: dir, now: () => NOW });
    expect(after.userPools.signingKey(after.pool.id).kid).toBe(
      before.userPools.signingKey(before.pool.id).kid,
    );
    expect(after.userPools.verify(token.accessToken, NOW)).toBeDefined();
  });

  it('are new ones in memory without a data directory', () => {
    const a = signingKeysFor(['us-east-1_a']);
    const b = signingKeysFor(['us-east-1_a']);
    expect(a.get('us-east-1_a')?.kid).not.toBe(b.get('us-east-1_a')?.kid);
  });
});
