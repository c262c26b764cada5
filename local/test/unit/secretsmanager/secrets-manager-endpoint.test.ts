import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
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
  secrets.create(
    `${ARN_PREFIX}shop/account-abc123`,
    '{"url":"https://p.example/v1/","apiKey":"k"}',
    'the account',
  );
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
  expect(created.ARN).toMatch(new RegExp(`^${ARN_PREFIX}made/by-hand-[a-z0-9]{6}$`));
  expect((await client.send(new ListSecretsCommand({}))).SecretList?.map((s) => s.Name).sort()).toEqual([
    'made/by-hand',
    'shop/account',
  ]);
  await expect(
    client.send(new CreateSecretCommand({ Name: 'made/by-hand', SecretString: 'y' })),
  ).rejects.toThrow(expect.objectContaining({ name: ResourceExistsException.name }));
});
