import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildFixtureApp } from '../fixtures/local-cloud-app/app';
import { receiveBodies } from './receive-messages';

/**
 * The `local-cloud` bin on a CDK app that is not the shop (the fixture app), as a user runs it: a child
 * process given only an assembly, used only over HTTP and its AWS endpoint with the unchanged SDK, and
 * stopped with a signal. It imports nothing from the package: what this test sees is what a user gets.
 */
const BIN = path.join(__dirname, '..', '..', 'bin', 'local-cloud.js');
const READY_TIMEOUT_MS = 90_000;

let workDir: string;
let child: ChildProcess;
let stdout = '';
let outputs: Record<string, string>;
let endpoint: string;
let sqs: SQSClient;
let eventBridge: EventBridgeClient;
let cognito: CognitoIdentityProviderClient;

/** Resolves with what the bin printed up to its "Ready" line; rejects if it exits or stays silent. */
function ready(bin: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready in time:\n${stdout}${stderr}`)),
      READY_TIMEOUT_MS,
    );
    bin.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    bin.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^Ready in /m.test(stdout)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    bin.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${stdout}${stderr}`));
    });
  });
}

function exited(bin: ChildProcess): Promise<number | null> {
  if (bin.exitCode !== null) return Promise.resolve(bin.exitCode);
  return new Promise((resolve) => bin.once('exit', (code) => resolve(code)));
}

const output = (key: string) => {
  const value = outputs[key];
  if (value === undefined) throw new Error(`No output ${key} in ${JSON.stringify(outputs)}`);
  return value;
};

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-bin-'));
  buildFixtureApp(path.join(workDir, 'cdk.out')).synth();
  child = spawn(
    process.execPath,
    [BIN, '--assembly', 'cdk.out', '--port', '0', '--endpoint-port', '0', '--outputs-file', 'outputs.json'],
    // The channel carries nothing; it closes when this jest worker dies, however it dies, and the bin then
    // stops: a killed test run leaves no local cloud behind (bin-owner-death.test.ts).
    { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  await ready(child);
  outputs = JSON.parse(readFileSync(path.join(workDir, 'outputs.json'), 'utf8')).LocalCloudFixture;
  const printed = /^AWS endpoint .*: (http:\/\/\S+)$/m.exec(stdout)?.[1];
  if (printed === undefined) throw new Error(`No AWS endpoint printed:\n${stdout}`);
  endpoint = printed;
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
  sqs = new SQSClient(config);
  eventBridge = new EventBridgeClient(config);
  cognito = new CognitoIdentityProviderClient(config);
}, READY_TIMEOUT_MS + 60_000);
afterAll(async () => {
  for (const client of [sqs, eventBridge, cognito]) client?.destroy();
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the local-cloud bin on a CDK app that is not the shop', () => {
  it('runs the given assembly as it is and prints its API and the AWS endpoint', () => {
    expect(stdout).toMatch(/^Running cdk\.out as it is/m);
    expect(stdout).toMatch(/^API {2}\S+ +http:\/\/127\.0\.0\.1:\d+\/test\/$/m);
    expect(stdout).toMatch(/^Outputs: outputs\.json$/m);
    // The fixture asks for settings not emulated here (X-Ray tracing, ...): counted, not listed.
    expect(stdout).toMatch(
      /^Not emulated: \d+ template settings? accepted without effect here \(--verbose lists them\)\.$/m,
    );
    expect(stdout).not.toMatch(/^not emulated: /m);
  });

  it('answers an API route over HTTP, at the URL the outputs file gives', async () => {
    const api = Object.values(outputs).find((value) => value.includes('/test/'));
    const response = await fetch(`${api}proxy/from/the/bin`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: 'GET', pathParameters: { proxy: 'from/the/bin' } });
  });

  it('prints the token endpoint of the user pool domain; a client`s secret comes from the SDK', async () => {
    const tokenUrl = /^OAuth {2}local-cloud-fixture +(http:\/\/\S+)$/m.exec(stdout)?.[1];
    expect(tokenUrl).toBe(output('TokenUrl'));
    const { UserPoolClient } = await cognito.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: output('UserPoolId'),
        ClientId: output('MachineClientId'),
      }),
    );
    expect(UserPoolClient?.ClientSecret).toBe(output('MachineClientSecret'));
    const token = await fetch(String(tokenUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${UserPoolClient?.ClientId}&client_secret=${UserPoolClient?.ClientSecret}`,
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const api = Object.values(outputs).find((value) => value.includes('/test/'));
    const response = await fetch(`${api}orders`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
  });

  it('carries a message SQS -> Lambda -> DynamoDB -> stream -> Lambda -> SQS', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: output('WorkQueueUrl'), MessageBody: 'ok-bin' }));
    expect(await receiveBodies(sqs, output('AuditQueueUrl'), 1)).toEqual(['stream:sqs#ok-bin']);
  });

  it('routes an EventBridge event by its content to a queue', async () => {
    const event = { EventBusName: 'fixture-bus', Source: 'fixture', DetailType: 'OrderPlaced' };
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ ...event, Detail: JSON.stringify({ orderId: 'bin-1', amount: 900 }) }],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    const bodies = await receiveBodies(sqs, output('AuditQueueUrl'), 1);
    expect(bodies.map((body) => JSON.parse(body))).toEqual([{ big: 'bin-1' }]);
  });

  it('stops everything on SIGTERM and exits 0', async () => {
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(stdout).toMatch(/^SIGTERM: stopping\.\.\.$/m);
    await expect(fetch(endpoint)).rejects.toThrow();
  });
});
