import { assetPathOf } from '../assembly/asset-paths';
import type { CloudAssembly } from '../assembly/cloud-assembly';
import type { LocalFunctionDefinition } from '../lambda/types';
import type { ResolvedResource } from '../model/resolved-resource';

/**
 * The AWS::Lambda::Function resources of an assembly as local function definitions: the bundle CDK built
 * (through the assets manifest), the resolved environment plus `extraEnvironment` (the local endpoints),
 * and the template's handler, timeout, memory, reserved concurrency and tracing mode (Lambda's defaults
 * when absent).
 */
export function lambdaFunctions(
  assembly: CloudAssembly,
  resources: readonly ResolvedResource[],
  extraEnvironment: Readonly<Record<string, string>>,
): LocalFunctionDefinition[] {
  const invokeConfigs = eventInvokeConfigs(resources);
  return resources
    .filter((resource) => resource.type === 'AWS::Lambda::Function')
    .map((resource) => {
      const props = resource.properties;
      const codeDirectory = assetPathOf(assembly, resource);
      if (codeDirectory === undefined) {
        throw new Error(
          `${resource.stackName}/${resource.logicalId}: no code asset found (inline code and container images are not supported locally)`,
        );
      }
      const variables =
        (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      const logGroup = (props.LoggingConfig as { LogGroup?: string } | undefined)?.LogGroup;
      const tracingMode = (props.TracingConfig as { Mode?: string } | undefined)?.Mode;
      return {
        name: resource.physicalId,
        arn: requiredAttribute(resource, 'Arn'),
        codeDirectory,
        ...(typeof props.Description === 'string' ? { description: props.Description } : {}),
        handler: String(props.Handler ?? 'index.handler'),
        environment: {
          ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(value)])),
          ...extraEnvironment,
        },
        timeoutSeconds: numberOr(props.Timeout, 3),
        memorySizeMb: numberOr(props.MemorySize, 128),
        ...(props.ReservedConcurrentExecutions === undefined
          ? {}
          : { reservedConcurrency: Number(props.ReservedConcurrentExecutions) }),
        ...(typeof props.Runtime === 'string' ? { runtime: props.Runtime } : {}),
        ...(logGroup === undefined ? {} : { logGroupName: logGroup }),
        ...(tracingMode === 'Active' || tracingMode === 'PassThrough' ? { tracingMode } : {}),
        ...invokeConfigs.get(resource.physicalId),
      };
    });
}

type InvokeConfig = Pick<
  LocalFunctionDefinition,
  'onSuccessDestinationArn' | 'onFailureDestinationArn' | 'maximumRetryAttempts'
>;

/**
 * AWS::Lambda::EventInvokeConfig by function name: the on-success and on-failure destinations and the
 * retry count of asynchronous invocations (CDK writes one for `onSuccess` / `onFailure` / `retryAttempts`).
 */
function eventInvokeConfigs(resources: readonly ResolvedResource[]): Map<string, InvokeConfig> {
  const configs = new Map<string, InvokeConfig>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::Lambda::EventInvokeConfig') continue;
    const props = resource.properties as {
      FunctionName?: string;
      MaximumRetryAttempts?: number;
      DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
    };
    const name =
      String(props.FunctionName ?? '')
        .split(':function:')
        .pop()
        ?.split(':')[0] ?? '';
    const onSuccess = props.DestinationConfig?.OnSuccess?.Destination;
    const onFailure = props.DestinationConfig?.OnFailure?.Destination;
    configs.set(name, {
      ...(onSuccess === undefined ? {} : { onSuccessDestinationArn: onSuccess }),
      ...(onFailure === undefined ? {} : { onFailureDestinationArn: onFailure }),
      ...(props.MaximumRetryAttempts === undefined
        ? {}
        : { maximumRetryAttempts: Number(props.MaximumRetryAttempts) }),
    });
  }
  return configs;
}

function numberOr(value: unknown, fallback: number): number {
  const number = Number(value);
  return value === undefined || Number.isNaN(number) ? fallback : number;
}

function requiredAttribute(resource: ResolvedResource, name: string): string {
  const value = resource.attributes[name];
  if (value === undefined) throw new Error(`${resource.stackName}/${resource.logicalId} has no ${name}`);
  return value;
}
