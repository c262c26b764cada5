import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Invokes the `handler` export of a built bundle (`cdk.out/asset.../index.mjs`) in a fresh Node process
 * with only the given environment, the way Lambda runs it: a separate module instance, no test runner,
 * no TypeScript. Each call is one cold start followed by the given events, in order.
 */
const RUNNER = `
const [bundle, payload] = [process.argv[1], JSON.parse(process.argv[2])];
const { handler } = await import(bundle);
const results = [];
for (const event of payload.events) {
  const deadline = Date.now() + payload.timeoutMs;
  const context = {
    functionName: payload.functionName, functionVersion: '$LATEST', memoryLimitInMB: '512',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + payload.functionName,
    awsRequestId: crypto.randomUUID(), logGroupName: '/aws/lambda/' + payload.functionName, logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  results.push(await handler(event, context));
}
process.stdout.write('\\n@@RESULTS@@' + JSON.stringify(results));
`;

export async function invokeBundle<TResult>(
  bundlePath: string,
  events: readonly unknown[],
  env: Record<string, string>,
  functionName = 'bundle-under-test',
): Promise<TResult[]> {
  const payload = JSON.stringify({ events, functionName, timeoutMs: 10_000 });
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', RUNNER, bundlePath, payload], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const marker = stdout.lastIndexOf('@@RESULTS@@');
  if (marker < 0) throw new Error(`The bundle printed no results:\n${stdout}`);
  return JSON.parse(stdout.slice(marker + '@@RESULTS@@'.length)) as TResult[];
}
