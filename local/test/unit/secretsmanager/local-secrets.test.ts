import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  otherDynamicReferences,
  parseSecretReference,
  replaceSecretReferences,
} from '../../../secretsmanager/dynamic-references';
import { LocalSecrets } from '../../../secretsmanager/local-secrets';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';

describe('dynamic references', () => {
  it.each([
    ['MySecret', { secretId: 'MySecret' }],
    ['MySecret:SecretString:password', { secretId: 'MySecret', jsonKey: 'password' }],
    [`${ARN}Db-abc123:SecretString:password::`, { secretId: `${ARN}Db-abc123`, jsonKey: 'password' }],
    ['MySecret:SecretString::AWSPREVIOUS:', { secretId: 'MySecret', versionStage: 'AWSPREVIOUS' }],
    ['MySecret:SecretString:::v-1', { secretId: 'MySecret', versionId: 'v-1' }],
  ])('parses %s', (body, reference) => {
    expect(parseSecretReference(body)).toEqual(reference);
  });

  it('are replaced wherever they sit in a value, several in one string too', () => {
    const value = {
      a: ['x{{resolve:secretsmanager:S:SecretString:k}}y'],
      b: '{{resolve:secretsmanager:T}}',
      c: 3,
    };
    expect(replaceSecretReferences(value, (r) => `<${r.secretId}.${r.jsonKey ?? ''}>`)).toEqual({
      a: ['x<S.k>y'],
      b: '<T.>',
      c: 3,
    });
  });

  it("leave other services' references as written and tell them apart", () => {
    const value = {
      a: '{{resolve:ssm:/shop/flag:3}}',
      b: '{{resolve:ssm-secure:/p:1}}-{{resolve:secretsmanager:S}}',
    };
    expect(replaceSecretReferences(value, () => 'v')).toEqual({
      a: '{{resolve:ssm:/shop/flag:3}}',
      b: '{{resolve:ssm-secure:/p:1}}-v',
    });
    expect(otherDynamicReferences(value)).toEqual([
      '{{resolve:ssm:/shop/flag:3}}',
      '{{resolve:ssm-secure:/p:1}}',
    ]);
  });
});

describe('LocalSecrets', () => {
  it('finds a secret by name, full ARN and partial ARN, nothing else', () => {
    const secrets = new LocalSecrets();
    secrets.create(`${ARN}shop/key-abc123`, 'v');
    for (const id of ['shop/key', `${ARN}shop/key-abc123`, `${ARN}shop/key`]) {
      expect(secrets.find(id).name).toBe('shop/key');
    }
    for (const id of ['shop', 'shop/key-abc123', `${ARN}shop/ke`, `${ARN}shop/key-abc12`]) {
      expect(() => secrets.find(id)).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
    }
  });

  it('moves AWSCURRENT to a new value and the old one to AWSPREVIOUS; the same token again changes nothing', () => {
    const secrets = new LocalSecrets();
    const secret = secrets.create(`${ARN}k-abc123`, 'one');
    secrets.put('k', 'two', { versionId: 'token-2' });
    secrets.put('k', 'two', { versionId: 'token-2' });
    secrets.put('k', 'three', { versionId: 'token-3' });
    expect(secrets.version(secret).value).toBe('three');
    expect(secrets.version(secret, { versionStage: 'AWSPREVIOUS' }).value).toBe('two');
    expect(secret.versions.map((v) => v.stages)).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
    expect(() => secrets.put('k', 'other', { versionId: 'token-3' })).toThrow(
      expect.objectContaining({ code: 'ResourceExistsException' }),
    );
  });

  it('keeps its secrets in a file across instances (a restart with --data-dir)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    try {
      const file = path.join(dir, 'secretsmanager', 'secrets.json');
      new LocalSecrets(file).create(`${ARN}k-abc123`, 'kept');
      new LocalSecrets(file).create(`${ARN}d-abc123`, 'scheduled');
      new LocalSecrets(file).delete('d');
      const restarted = new LocalSecrets(file);
      expect(restarted.version(restarted.find('k')).value).toBe('kept');
      expect(() => restarted.usable('d')).toThrow(
        expect.objectContaining({ code: 'InvalidRequestException' }),
      );
      expect(readdirSync(path.dirname(file))).toEqual(['secrets.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
