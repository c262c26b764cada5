import type { InvokeOptions, LambdaService } from '../lambda/types';
import { dataDetails } from './execution-history';
import type { RunOptions } from './interpreter';
import { invokeFunctionResource, invokeLambdaIntegration } from './lambda-tasks';
import type { TaskEventLog, TaskEventNaming } from './task-event-log';
import { classifyResource, type TaskResource } from './task-resources';
import { type AslObject, type ServiceIntegration, TaskFailure } from './types';
import { allStates } from './walk-states';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalHandler = LocalHandlers[string];
type JsonValue = Awaited<ReturnType<LocalHandler>>;

export interface TaskContext {
  readonly executionArn: string;
  readonly region: string;
  readonly lambda: LambdaService;
  readonly integrations: Readonly<Record<string, ServiceIntegration>>;
  readonly taskLog: TaskEventLog;
  /** Every task in flight, so that drain() can wait for answers that arrive after a timeout. */
  readonly track: (work: Promise<unknown>) => void;
  /** The execution has ended (stopped, timed out): no task of it may start any more. */
  readonly ended: () => boolean;
  /** The execution's X-Ray trace (a machine with tracing enabled): its Lambda tasks continue it. */
  readonly traceHeader?: string;
}

/**
 * The interpreter's retry loop carries on after a StopExecution or the execution's timeout (its waits end at
 * once and the Task runs again until its retries are spent), while AWS starts no task of an execution that
 * has ended. The end of a timed-out run is known once its result has settled, which happens in microtasks:
 * so each attempt first lets those run, then is refused if the execution is over.
 */
const afterPendingCallbacks = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A local handler for every Task state, nested ones included: the interpreter's "resource override" is
 * how it runs a Task without calling AWS, and a Task left without one would call real AWS Lambda.
 */
export function buildTaskHandlers(definition: AslObject, context: TaskContext): LocalHandlers {
  const handlers: LocalHandlers = {};
  const pluggable = new Set(Object.keys(context.integrations));
  for (const [name, state] of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = classifyResource(state.Resource, pluggable);
    const timeout =
      typeof state.TimeoutSeconds === 'number' ? { timeoutInSeconds: state.TimeoutSeconds } : {};
    handlers[name] = (input) => {
      const work = afterPendingCallbacks().then(() => {
        if (context.ended()) throw new TaskFailure('States.Runtime', 'The execution has ended');
        const attempt = context.taskLog.begin(name, naming(resource));
        attempt.scheduled({ ...scheduledDetails(resource, input, context.region), ...timeout });
        return runTask(resource, input, name, context).then(
          (output) => {
            attempt.succeeded(output);
            return output as JsonValue;
          },
          (error: unknown) => {
            const failure = asTaskFailure(error);
            attempt.failed(failure.name, failure.message);
            throw failure;
          },
        );
      });
      context.track(work.catch(() => undefined));
      return work;
    };
  }
  return handlers;
}

async function runTask(resource: TaskResource, input: unknown, stateName: string, context: TaskContext) {
  switch (resource.kind) {
    case 'lambda-invoke':
      return invokeLambdaIntegration(context.lambda, input, traced(context));
    case 'lambda-function':
      return invokeFunctionResource(context.lambda, resource.functionArn, input, traced(context));
    case 'integration': {
      const integration = context.integrations[resource.key];
      if (!integration) throw new TaskFailure('States.Runtime', `No integration for ${resource.key}`);
      return integration(input, { executionArn: context.executionArn, stateName });
    }
    case 'unsupported':
      // Never reached: StartExecution refuses such definitions (definition-scan.ts).
      return Promise.reject(new TaskFailure('States.Runtime', resource.reason));
  }
}

function traced({ traceHeader }: TaskContext): InvokeOptions {
  return traceHeader === undefined ? {} : { traceHeader };
}

function asTaskFailure(error: unknown): TaskFailure {
  if (error instanceof TaskFailure) return error;
  // An integration that threw something else: still a task failure, as AWS would report a service error.
  const message = error instanceof Error ? error.message : String(error);
  return new TaskFailure('States.TaskFailed', message);
}

function naming(resource: TaskResource): TaskEventNaming {
  if (resource.kind === 'lambda-function') return { prefix: 'LambdaFunction', resourceDetails: {} };
  const key = resource.kind === 'integration' ? resource.key : 'lambda:invoke';
  const [resourceType = key, action = ''] = key.split(/:(.*)/s);
  return { prefix: 'Task', resourceDetails: { resourceType, resource: action } };
}

function scheduledDetails(resource: TaskResource, input: unknown, region: string): Record<string, unknown> {
  if (resource.kind === 'lambda-function')
    return { resource: resource.functionArn, ...dataDetails('input', input) };
  return { region, parameters: JSON.stringify(input ?? null) };
}
