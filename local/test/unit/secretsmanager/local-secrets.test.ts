import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ResolvedResource } from '../../../model/resolved-resource';
import { parseSecretReference, replaceSecretReferences } from '../../../secretsmanager/dynamic-references';
import { LocalSecrets } from '../../../secretsmanager/local-secrets';
import { provisionSecrets } from '../../../secretsmanager/provision-secrets';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';

function secretResource(
  logicalId: string,
  properties: Record<string, unknown>,
  name = logicalId,
): ResolvedResource {
  return {
    stackName: 'Stack',
    logicalId,
    type: 'AWS::SecretsManager::Secret',
    physicalId: `${ARN}${name}-abc123`,
    attributes: { Id: `${ARN}${name}-abc123` },
    properties,
    metadata: {},
  };
}

const fn = (environment: Record<string, string>): ResolvedResource => ({
  stackName: 'Stack',
  logicalId: 'Fn',
  type: 'AWS::Lambda::Function',
  physicalId: 'fn',
  attributes: {},
  properties: { Environment: { Variables: environment } },
  metadata: {},
});

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
    secrets.put('k', 'two', 'token-2');
    secrets.put('k', 'two', 'token-2');
    secrets.put('k', 'three', 'token-3');
    expect(secrets.version(secret).value).toBe('three');
    expect(secrets.version(secret, { versionStage: 'AWSPREVIOUS' }).value).toBe('two');
    expect(secret.versions.map((v) => v.stages)).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
    expect(() => secrets.put('k', 'other', 'token-3')).toThrow(
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

describe('provisionSecrets (what CloudFormation does at deployment)', () => {
  const generated = secretResource('Issued', {
    GenerateSecretString: {
      SecretStringTemplate: '{"user":"shop"}',
      GenerateStringKey: 'apiKey',
      ExcludePunctuation: true,
      PasswordLength: 40,
    },
  });
  // Refers to the generated one: it can only be made after it, whatever their order in the list.
  const copy = secretResource('Account', {
    SecretString: `{"url":"https://p.example/","apiKey":"{{resolve:secretsmanager:${generated.physicalId}:SecretString:apiKey::}}"}`,
  });

  it('generates into the template, resolves secrets that refer to others and every reference elsewhere', () => {
    const secrets = new LocalSecrets();
    const warnings: string[] = [];
    const resources = provisionSecrets(
      [copy, fn({ KEY: `{{resolve:secretsmanager:Issued:SecretString:apiKey}}` }), generated],
      secrets,
      (w) => warnings.push(w),
    );
    const issued = JSON.parse(secrets.version(secrets.find('Issued')).value) as {
      user: string;
      apiKey: string;
    };
    expect(issued.user).toBe('shop');
    expect(issued.apiKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(JSON.parse(secrets.version(secrets.find('Account')).value)).toEqual({
      url: 'https://p.example/',
      apiKey: issued.apiKey,
    });
    expect(resources[1]?.properties).toEqual({ Environment: { Variables: { KEY: issued.apiKey } } });
    expect(warnings).toEqual([]);
  });

  it('keeps a generated value across a restart, and takes a changed SecretString as a new version', () => {
    const secrets = new LocalSecrets();
    provisionSecrets([generated, copy], secrets, () => undefined);
    const first = secrets.version(secrets.find('Issued')).value;
    const changed = secretResource('Account', { SecretString: 'changed' });
    provisionSecrets([generated, changed], secrets, () => undefined);
    expect(secrets.version(secrets.find('Issued')).value).toBe(first);
    expect(secrets.version(secrets.find('Account')).value).toBe('changed');
  });

  it('leaves a reference to a secret no template defines as written, and says so', () => {
    const warnings: string[] = [];
    const [resource] = provisionSecrets(
      [fn({ KEY: '{{resolve:secretsmanager:Elsewhere}}' })],
      new LocalSecrets(),
      (w) => warnings.push(w),
    );
    expect(resource?.properties).toEqual({
      Environment: { Variables: { KEY: '{{resolve:secretsmanager:Elsewhere}}' } },
    });
    expect(warnings).toEqual([expect.stringContaining('names a secret no template defines')]);
  });
});
