import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LocalCloud } from '../../cloud/local-cloud';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';

/**
 * The fixture app stopped and started again on the same data directory, driven through the local AWS
 * endpoint with the unchanged SDK: a message queued before the restart is there after it.
 */
let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-restart-'));
  buildFixtureApp(path.join(workDir, 'cdk.out')).synth();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `use` against a local cloud on the data directory, then stops the cloud. */
async function withCloud(use: (sqs: SQSClient, queueUrl: string) => Promise<void>): Promise<void> {
  const cloud = await LocalCloud.start({
    assemblyDir: path.join(workDir, 'cdk.out'),
    dataDir: path.join(workDir, 'data'),
    apiBasePort: 0,
    endpointPort: 0,
  });
  const sqs = new SQSClient({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  try {
    // The audit queue has no consumer of its own: what is in it is only what the test put there.
    await use(sqs, String(cloud.outputs.LocalCloudFixture?.AuditQueueUrl));
  } finally {
    sqs.destroy();
    await cloud.stop();
  }
}

it('gives back after a restart a message that was in flight at the stop, with its receive count', async () => {
  let messageId: string | undefined;
  await withCloud(async (sqs, queueUrl) => {
    ({ MessageId: messageId } = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'kept' }),
    ));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 600 }),
    );
    expect(Messages?.map((message) => message.Body)).toEqual(['kept']);
  });
  await withCloud(async (sqs, queueUrl) => {
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
