import type { ResolvedResource } from '../../../model/resolved-resource';
import { LocalSecrets } from '../../../secretsmanager/local-secrets';
import { provisionSecrets } from '../../../secretsmanager/provision-secrets';
import { TemplateResolutionError } from '../../../template/resolution-error';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';

function secretResource(logicalId: string, properties: Record<string, unknown>): ResolvedResource {
  return {
    stackName: 'Stack',
    logicalId,
    type: 'AWS::SecretsManager::Secret',
    physicalId: `${ARN}${logicalId}-abc123`,
    attributes: { Id: `${ARN}${logicalId}-abc123` },
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

const current = (secrets: LocalSecrets, id: string) => secrets.version(secrets.find(id)).value;
const quiet = () => undefined;

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

describe('provisionSecrets (what CloudFormation does at deployment)', () => {
  it('generates into the template, resolves secrets that refer to others and every reference elsewhere', () => {
    const secrets = new LocalSecrets();
    const notes: string[] = [];
    const resources = provisionSecrets(
      [copy, fn({ KEY: `{{resolve:secretsmanager:Issued:SecretString:apiKey}}` }), generated],
      secrets,
      (w) => notes.push(w),
    );
    const issued = JSON.parse(current(secrets, 'Issued')) as { user: string; apiKey: string };
    expect(issued.user).toBe('shop');
    expect(issued.apiKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(JSON.parse(current(secrets, 'Account'))).toEqual({
      url: 'https://p.example/',
      apiKey: issued.apiKey,
    });
    expect(resources[1]?.properties).toEqual({ Environment: { Variables: { KEY: issued.apiKey } } });
    expect(notes).toEqual([]);
  });

  it('a plain GenerateSecretString is the password alone, 32 characters of every class', () => {
    const secrets = new LocalSecrets();
    provisionSecrets([secretResource('Plain', {})], secrets, quiet);
    expect(current(secrets, 'Plain')).toHaveLength(32);
  });

  it('waits for a secret referred to from inside a GenerateSecretString template too', () => {
    const secrets = new LocalSecrets();
    const templated = secretResource('Templated', {
      GenerateSecretString: {
        SecretStringTemplate: `{"user":"{{resolve:secretsmanager:Issued:SecretString:user}}"}`,
        GenerateStringKey: 'password',
      },
    });
    provisionSecrets([templated, generated], secrets, quiet);
    expect(JSON.parse(current(secrets, 'Templated'))).toMatchObject({ user: 'shop' });
  });

  it('keeps values across a restart while the template says the same; a changed one is a new version', () => {
    const secrets = new LocalSecrets();
    provisionSecrets([generated, copy], secrets, quiet);
    const first = current(secrets, 'Issued');
    // A value set through the API stays too: the template did not change.
    secrets.put('Account', 'set by hand');
    provisionSecrets([generated, copy], secrets, quiet);
    expect(current(secrets, 'Issued')).toBe(first);
    expect(current(secrets, 'Account')).toBe('set by hand');

    const longer = secretResource('Issued', {
      GenerateSecretString: { ...(generated.properties.GenerateSecretString as object), PasswordLength: 50 },
    });
    provisionSecrets([longer, secretResource('Account', { SecretString: 'changed' })], secrets, quiet);
    expect(JSON.parse(current(secrets, 'Issued')).apiKey).toHaveLength(50);
    expect(secrets.version(secrets.find('Issued'), { versionStage: 'AWSPREVIOUS' }).value).toBe(first);
    expect(current(secrets, 'Account')).toBe('changed');
  });

  it.each([
    [
      'a secret no template defines',
      '{{resolve:secretsmanager:Elsewhere}}',
      "can't find the specified secret",
    ],
    ['a key the value lacks', '{{resolve:secretsmanager:Issued:SecretString:nope}}', 'has no key nope'],
    ['a stage no version has', '{{resolve:secretsmanager:Issued:SecretString::AWSPENDING}}', 'AWSPENDING'],
  ])('refuses a reference to %s, naming it', (_, reference, reason) => {
    const start = () =>
      provisionSecrets([generated, fn({ KEY: `x${reference}` })], new LocalSecrets(), quiet);
    expect(start).toThrow(TemplateResolutionError);
    expect(start).toThrow(`Stack/Resources/Fn/Properties: ${reference} cannot be resolved`);
    expect(start).toThrow(reason);
  });

  it('refuses secrets that refer to each other, naming the reference', () => {
    const a = secretResource('A', { SecretString: '{{resolve:secretsmanager:B}}' });
    const b = secretResource('B', { SecretString: '{{resolve:secretsmanager:A}}' });
    expect(() => provisionSecrets([a, b], new LocalSecrets(), quiet)).toThrow(
      /Stack\/Resources\/A\/Properties: \{\{resolve:secretsmanager:B\}\} cannot be resolved.*refer to each other/,
    );
  });

  it.each([
    ['a template without its key', { SecretStringTemplate: '{}' }, 'needs both'],
    [
      'a template that is no JSON object',
      { SecretStringTemplate: '[1]', GenerateStringKey: 'k' },
      'not a JSON object',
    ],
    ['a length of 0', { PasswordLength: 0 }, 'PasswordLength'],
  ])('refuses GenerateSecretString with %s, naming the secret', (_, spec, reason) => {
    const start = () =>
      provisionSecrets([secretResource('Bad', { GenerateSecretString: spec })], new LocalSecrets(), quiet);
    expect(start).toThrow(TemplateResolutionError);
    expect(start).toThrow(`Stack/Resources/Bad/Properties: `);
    expect(start).toThrow(reason);
  });

  it('notes what it does not emulate: Parameter Store references (left as written) and KmsKeyId', () => {
    const notes: string[] = [];
    const [resource] = provisionSecrets(
      [fn({ FLAG: '{{resolve:ssm:/shop/flag}}' }), secretResource('Kms', { KmsKeyId: 'alias/x' })],
      new LocalSecrets(),
      (w) => notes.push(w),
    );
    expect(resource?.properties).toEqual({
      Environment: { Variables: { FLAG: '{{resolve:ssm:/shop/flag}}' } },
    });
    expect(notes).toEqual([
      expect.stringMatching(/^Secrets Manager KmsKeyId is not emulated .*: Stack\/Kms$/),
      'Stack/Fn: {{resolve:ssm:/shop/flag}} is not emulated (left as written)',
    ]);
  });
});
