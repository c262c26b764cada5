import { SFNClient } from '@aws-sdk/client-sfn';
import type { InvokeResult, LambdaService } from '../../../lambda/types';
import type { ResolvedResource } from '../../../model/resolved-resource';
import { LocalStepFunctions } from '../../../stepfunctions';
import type { StepFunctionsOptions } from '../../../stepfunctions/types';
import { serveAwsJson } from '../../helpers/aws-json-endpoint';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

/** A resolved AWS::StepFunctions::StateMachine as the template resolver hands it over. */
export function stateMachineResource(
  name: string,
  definition: Record<string, unknown>,
  properties: Record<string, unknown> = {},
): ResolvedResource {
  const arn = machineArn(name);
  return {
    stackName: 'TestStack',
    logicalId: `${name}Machine`,
    type: 'AWS::StepFunctions::StateMachine',
    physicalId: arn,
    attributes: { Arn: arn, Name: name },
    properties: {
      StateMachineName: name,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
      DefinitionString: JSON.stringify(definition),
      ...properties,
    },
    metadata: {},
  };
}

/**
 * A Task calling a function through `lambda:invoke`, as CDK's LambdaInvoke writes it: the function's
 * answer is the state's output, or `{ result }` under a ResultPath when one is given.
 */
export function invokeTask(fn: string, extra: Record<string, unknown> = {}) {
  const shaping =
    'ResultPath' in extra ? { ResultSelector: { 'result.$': '$.Payload' } } : { OutputPath: '$.Payload' };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionArn(fn), 'Payload.$': '$' },
    ...shaping,
    ...extra,
  };
}

/** An error as a Node.js handler throws it: its class name is the errorType Lambda reports. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export type FakeHandler = (event: unknown) => unknown;

/**
 * A LambdaService over plain functions (the one place fakes belong): a thrown error becomes Lambda's
 * error payload `{ errorType, errorMessage, trace }`, an unknown function ResourceNotFoundException.
 */
export function fakeLambda(handlers: Record<string, FakeHandler>) {
  const calls: { fn: string; event: unknown; traceHeader?: string }[] = [];
  const service: LambdaService = {
    async invoke(reference, event, options = {}): Promise<InvokeResult> {
      const fn = reference.replace(/^.*:function:/, '').replace(/:\$LATEST$/, '');
      const handler = handlers[fn];
      if (!handler) throw namedError('ResourceNotFoundException', `Function not found: ${reference}`);
      calls.push({ fn, event, ...options });
      try {
        return { ok: true, payload: await handler(event), durationMs: 1 };
      } catch (error) {
        const { name, message, stack = '' } = error as Error;
        const payload = { errorType: name, errorMessage: message, trace: stack.split('\n').slice(0, 2) };
        return { ok: false, functionError: 'Unhandled', payload, durationMs: 1 };
      }
    },
    async invokeAsync(reference, event) {
      calls.push({ fn: reference.replace(/^.*:function:/, ''), event });
    },
  };
  return { service, calls, called: () => calls.map((call) => call.fn) };
}

/** A promise the test resolves by hand: keeps a fake function "running" as long as the test needs. */
export function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * A local Step Functions behind the test server and an SFN client pointed at it; everything is closed
 * after each test. Durations run a thousand times faster (1 s of the definition = 1 ms).
 */
export function stepFunctionsKit() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (
    resources: ResolvedResource[],
    options: Partial<StepFunctionsOptions> & Pick<StepFunctionsOptions, 'lambda'>,
  ) => {
    const service = new LocalStepFunctions(resources, { timeScale: 0.001, ...options });
    cleanups.push(() => service.close());
    const { url, close } = await serveAwsJson(service);
    cleanups.push(close);
    const client = new SFNClient({
      endpoint: url,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // StartSyncExecution is sent to `sync-<host>` unless host prefixes are disabled (as for any local endpoint).
      disableHostPrefix: true,
      maxAttempts: 1,
    });
    cleanups.push(async () => client.destroy());
    return { service, client };
  };
}
