import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';

/**
 * The fixture app stopped and started again on the same data directory, driven through the local AWS
 * endpoint with the unchanged SDK: a message queued before the restart is there after it, an access
 * token issued before it still opens the API after it, and a generated secret keeps its value.
 */
let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-restart-'));
  buildFixtureApp(path.join(workDir, 'cdk.out')).synth();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `use` against a local cloud on the data directory, then stops the cloud. */
async function withCloud(
  use: (
    sqs: SQSClient,
    queueUrl: string,
    outputs: Readonly<Record<string, string>>,
    secrets: SecretsManagerClient,
  ) => Promise<void>,
): Promise<void> {
  const cloud = await LocalCloud.start({
    assemblyDir: path.join(workDir, 'cdk.out'),
    dataDir: path.join(workDir, 'data'),
    apiBasePort: 0,
    endpointPort: 0,
  });
  const client = {
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  };
  const sqs = new SQSClient(client);
  const secrets = new SecretsManagerClient(client);
  try {
    // The audit queue has no consumer of its own: what is in it is only what the test put there.
    const outputs = cloud.outputs.LocalCloudFixture ?? {};
    await use(sqs, String(outputs.AuditQueueUrl), outputs, secrets);
  } finally {
    sqs.destroy();
    secrets.destroy();
    await cloud.stop();
  }
}

it('gives back after a restart a message in flight at the stop, with its receive count, and keeps tokens and generated secrets', async () => {
  let messageId: string | undefined;
  let accessToken = '';
  let generatedKey = '';
  const apiKeyOf = async (secrets: SecretsManagerClient, outputs: Readonly<Record<string, string>>) => {
    const { SecretString } = await secrets.send(
      new GetSecretValueCommand({ SecretId: String(outputs.AccountSecretArn) }),
    );
    return (JSON.parse(String(SecretString)) as { apiKey: string }).apiKey;
  };
  const orders = (outputs: Readonly<Record<string, string>>) => {
    const api = Object.values(outputs).find((value) => value.includes('/test/'));
    return fetch(`${api}orders`, { headers: { Authorization: `Bearer ${accessToken}` } });
  };
  await withCloud(async (sqs, queueUrl, outputs, secrets) => {
    generatedKey = await apiKeyOf(secrets, outputs);
    expect(generatedKey).toMatch(/^[A-Za-z0-9]{40}$/);
    const token = await fetch(String(outputs.TokenUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: String(outputs.MachineClientId),
        client_secret: String(outputs.MachineClientSecret),
      }).toString(),
    });
    ({ access_token: accessToken } = (await token.json()) as { access_token: string });
    expect((await orders(outputs)).status).toBe(200);
    ({ MessageId: messageId } = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'kept' }),
    ));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 600 }),
    );
    expect(Messages?.map((message) => message.Body)).toEqual(['kept']);
  });
  await withCloud(async (sqs, queueUrl, outputs, secrets) => {
    expect((await orders(outputs)).status).toBe(200);
    expect(await apiKeyOf(secrets, outputs)).toBe(generatedKey);
    // The function's environment, resolved from the kept value, agrees with what it reads.
    const api = Object.values(outputs).find((value) => value.includes('/test/'));
    expect(await (await fetch(`${api}secret`)).json()).toMatchObject({ keyReferenceResolved: true });
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(Messages?.[0]).toMatchObject({
      MessageId: messageId,
      Body: 'kept',
      Attributes: expect.objectContaining({ ApproximateReceiveCount: '2' }),
    });
  });
}, 180_000);
