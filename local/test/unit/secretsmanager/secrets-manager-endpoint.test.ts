import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import { LocalSecrets } from '../../../secretsmanager/local-secrets';
import { SecretsManagerService } from '../../../secretsmanager/secrets-manager-service';

/** The local Secrets Manager used only through the real AWS SDK client, as a function or a user uses it. */
const ARN_PREFIX = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';
const secrets = new LocalSecrets();
let server: EndpointServer;
let client: SecretsManagerClient;

beforeAll(async () => {
  secrets.create(`${ARN_PREFIX}shop/account-abc123`, '{"url":"https://p.example/v1/","apiKey":"k"}', {
    description: 'the account',
  });
  // As the local cloud does once its APIs listen: AWS URLs handed out as their local stand-ins.
  secrets.presentWith((value) => value.replace('https://p.example/', 'http://127.0.0.1:4567/'));
  server = new EndpointServer({ services: [new SecretsManagerService(secrets, ARN_PREFIX)] });
  const endpoint = await server.listen(0);
  client = new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
});

it('GetSecretValue by name, ARN or partial ARN: the current value, with the local URLs', async () => {
  for (const SecretId of ['shop/account', `${ARN_PREFIX}shop/account-abc123`, `${ARN_PREFIX}shop/account`]) {
    const answer = await client.send(new GetSecretValueCommand({ SecretId }));
    expect(answer).toMatchObject({
      ARN: `${ARN_PREFIX}shop/account-abc123`,
      Name: 'shop/account',
      SecretString: '{"url":"http://127.0.0.1:4567/v1/","apiKey":"k"}',
      VersionStages: ['AWSCURRENT'],
    });
    expect(answer.CreatedDate).toBeInstanceOf(Date);
  }
});

it('answers an unknown secret with ResourceNotFoundException, as AWS words it', async () => {
  await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toThrow(
    expect.objectContaining({
      name: ResourceNotFoundException.name,
      message: "Secrets Manager can't find the specified secret.",
    }),
  );
});

it('PutSecretValue makes a new current version; the previous one stays readable by its stage', async () => {
  const put = await client.send(
    new PutSecretValueCommand({ SecretId: 'shop/account', SecretString: '{"v":2}' }),
  );
  expect(put.VersionStages).toEqual(['AWSCURRENT']);
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'shop/account' }))).SecretString).toBe(
    '{"v":2}',
  );
  const previous = await client.send(
    new GetSecretValueCommand({ SecretId: 'shop/account', VersionStage: 'AWSPREVIOUS' }),
  );
  expect(previous.SecretString).toContain('"apiKey":"k"');
  const described = await client.send(new DescribeSecretCommand({ SecretId: 'shop/account' }));
  expect(described).toMatchObject({ Name: 'shop/account', Description: 'the account' });
  expect(Object.values(described.VersionIdsToStages ?? {}).sort()).toEqual([['AWSCURRENT'], ['AWSPREVIOUS']]);
});

it('CreateSecret adds one with a suffixed ARN; the same name again is ResourceExistsException', async () => {
  const created = await client.send(new CreateSecretCommand({ Name: 'made/by-hand', SecretString: 'x' }));
  expect(created.ARN).toMatch(new RegExp(`^${ARN_PREFIX}made/by-hand-[A-Za-z0-9]{6}$`));
  const { SecretList } = await client.send(new ListSecretsCommand({}));
  expect(SecretList?.map((s) => s.Name).sort()).toEqual(['made/by-hand', 'shop/account']);
  // ListSecrets names the versions differently from DescribeSecret.
  expect(SecretList?.find((s) => s.Name === 'made/by-hand')?.SecretVersionsToStages).toEqual({
    [String(created.VersionId)]: ['AWSCURRENT'],
  });
  await expect(
    client.send(new CreateSecretCommand({ Name: 'made/by-hand', SecretString: 'y' })),
  ).rejects.toThrow(expect.objectContaining({ name: ResourceExistsException.name }));
});

it('reads a version by its id (the ClientRequestToken that made it), and names a stage or id it lacks', async () => {
  await client.send(
    new CreateSecretCommand({
      Name: 'versioned',
      SecretString: 'one',
      ClientRequestToken: 'v-one-0000000000000000000000000000000',
    }),
  );
  await client.send(new PutSecretValueCommand({ SecretId: 'versioned', SecretString: 'two' }));
  const get = (input: { VersionId?: string; VersionStage?: string }) =>
    client.send(new GetSecretValueCommand({ SecretId: 'versioned', ...input }));
  expect(await get({ VersionId: 'v-one-0000000000000000000000000000000' })).toMatchObject({
    SecretString: 'one',
    VersionStages: ['AWSPREVIOUS'],
  });
  await expect(get({ VersionStage: 'AWSPENDING' })).rejects.toThrow(
    expect.objectContaining({
      name: ResourceNotFoundException.name,
      message: "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    }),
  );
  await expect(get({ VersionId: 'nope' })).rejects.toThrow(
    expect.objectContaining({
      message: "Secrets Manager can't find the specified secret value for VersionId: nope",
    }),
  );
});

it('PutSecretValue refuses staging labels it does not emulate rather than making the value current', async () => {
  await expect(
    client.send(
      new PutSecretValueCommand({
        SecretId: 'versioned',
        SecretString: 'three',
        VersionStages: ['AWSPENDING'],
      }),
    ),
  ).rejects.toThrow(expect.objectContaining({ name: InvalidParameterException.name }));
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'versioned' }))).SecretString).toBe('two');
});

it('CreateSecret without a value makes a secret with no version yet: nothing to read until a PutSecretValue', async () => {
  await client.send(new CreateSecretCommand({ Name: 'empty-at-first' }));
  await expect(client.send(new GetSecretValueCommand({ SecretId: 'empty-at-first' }))).rejects.toThrow(
    expect.objectContaining({
      name: ResourceNotFoundException.name,
      message: expect.stringContaining('AWSCURRENT'),
    }),
  );
  await client.send(new PutSecretValueCommand({ SecretId: 'empty-at-first', SecretString: 'now' }));
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'empty-at-first' }))).SecretString).toBe(
    'now',
  );
});

describe('DeleteSecret', () => {
  const refusedAs = (name: string, message?: string) =>
    expect.objectContaining({ name, ...(message ? { message } : {}) });

  it('schedules a deletion: the value is refused as AWS refuses it, the name stays taken, until RestoreSecret', async () => {
    await client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'v' }));
    const deleted = await client.send(
      new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }),
    );
    expect(deleted.Name).toBe('doomed');
    expect((deleted.DeletionDate?.getTime() ?? 0) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const marked = "You can't perform this operation on the secret because it was marked for deletion.";
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).rejects.toThrow(
      refusedAs(InvalidRequestException.name, marked),
    );
    await expect(
      client.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: 'w' })),
    ).rejects.toThrow(refusedAs(InvalidRequestException.name, marked));
    await expect(client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }))).rejects.toThrow(
      refusedAs(
        InvalidRequestException.name,
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      ),
    );
    await expect(client.send(new DeleteSecretCommand({ SecretId: 'doomed' }))).rejects.toThrow(
      refusedAs(InvalidRequestException.name),
    );
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeInstanceOf(
      Date,
    );
    const names = async (IncludePlannedDeletion?: boolean) =>
      (await client.send(new ListSecretsCommand({ IncludePlannedDeletion }))).SecretList?.map((s) => s.Name);
    expect(await names()).not.toContain('doomed');
    expect(await names(true)).toContain('doomed');

    await client.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('v');
    expect(
      (await client.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate,
    ).toBeUndefined();
  });

  it('with ForceDeleteWithoutRecovery removes it at once: not found, its name free again', async () => {
    await client.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'v' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true }));
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'gone' }))).rejects.toThrow(
      refusedAs(ResourceNotFoundException.name, "Secrets Manager can't find the specified secret."),
    );
    await client.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'again' }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'gone' }))).SecretString).toBe('again');
  });

  it.each([
    ['a window under 7 days', { RecoveryWindowInDays: 6 }],
    ['a window over 30 days', { RecoveryWindowInDays: 31 }],
    ['a window and no recovery at once', { RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }],
  ])('refuses %s with InvalidParameterException', async (_, options) => {
    await expect(
      client.send(new DeleteSecretCommand({ SecretId: 'shop/account', ...options })),
    ).rejects.toThrow(refusedAs(InvalidParameterException.name));
  });
});

it('BatchGetSecretValue answers each secret it can and names the error of each it cannot', async () => {
  await client.send(new CreateSecretCommand({ Name: 'batch/deleted', SecretString: 'v' }));
  await client.send(new DeleteSecretCommand({ SecretId: 'batch/deleted' }));
  const answer = await client.send(
    new BatchGetSecretValueCommand({ SecretIdList: ['shop/account', 'batch/missing', 'batch/deleted'] }),
  );
  expect(answer.SecretValues?.map((v) => v.Name)).toEqual(['shop/account']);
  expect(answer.Errors).toEqual([
    { SecretId: 'batch/missing', ErrorCode: 'ResourceNotFoundException', Message: expect.any(String) },
    { SecretId: 'batch/deleted', ErrorCode: 'InvalidRequestException', Message: expect.any(String) },
  ]);
});

it("GetRandomPassword follows the same rules as a template's GenerateSecretString", async () => {
  const { RandomPassword } = await client.send(
    new GetRandomPasswordCommand({ PasswordLength: 20, ExcludePunctuation: true, ExcludeNumbers: true }),
  );
  expect(RandomPassword).toMatch(/^[A-Za-z]{20}$/);
  await expect(client.send(new GetRandomPasswordCommand({ PasswordLength: 5000 }))).rejects.toThrow(
    expect.objectContaining({ name: InvalidParameterException.name }),
  );
});
