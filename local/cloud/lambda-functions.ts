import { assetPathOf } from '../assembly/asset-paths';
import type { CloudAssembly } from '../assembly/cloud-assembly';
import type { LocalFunctionDefinition } from '../lambda/types';
import type { ResolvedResource } from '../model/resolved-resource';

/**
 * The AWS::Lambda::Function resources of an assembly as local function definitions: the bundle CDK built
 * (through the assets manifest), the resolved environment plus `extraEnvironment` (the local endpoints),
 * and the template's handler, timeout, memory and reserved concurrency (Lambda's defaults when absent).
 */
export function lambdaFunctions(
  assembly: CloudAssembly,
  resources: readonly ResolvedResource[],
  extraEnvironment: Readonly<Record<string, string>>,
): LocalFunctionDefinition[] {
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
      return {
        name: resource.physicalId,
        arn: requiredAttribute(resource, 'Arn'),
        codeDirectory,
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
      };
    });
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
