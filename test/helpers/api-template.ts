import type { Template } from 'aws-cdk-lib/assertions';
import { type CfnResourceJson, referencedId, resourcesOfType } from './shop-templates';

export interface Route {
  readonly method: string;
  /** The resource path, e.g. `/orders/{orderId}`. */
  readonly path: string;
  readonly logicalId: string;
  readonly properties: CfnResourceJson['Properties'];
}

/** Every method of the REST API `restApiId`, with its full resource path. */
export function routesOf(template: Template, restApiId: string): Route[] {
  const resources = new Map(resourcesOfType(template, 'AWS::ApiGateway::Resource'));
  const pathOf = (parent: unknown): string => {
    const rootOfApi = JSON.stringify({ 'Fn::GetAtt': [restApiId, 'RootResourceId'] });
    if (JSON.stringify(parent) === rootOfApi) return '';
    const resource = resources.get(referencedId(parent));
    if (!resource) throw new Error(`Unknown API resource ${JSON.stringify(parent)}`);
    return `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}`;
  };
  return resourcesOfType(template, 'AWS::ApiGateway::Method')
    .filter(([, method]) => referencedId(method.Properties.RestApiId) === restApiId)
    .map(([logicalId, method]) => ({
      method: String(method.Properties.HttpMethod),
      path: pathOf(method.Properties.ResourceId) || '/',
      logicalId,
      properties: method.Properties,
    }));
}

interface StackOutputs {
  readonly stackName: string;
  readonly template: Template;
}

/**
 * The logical ids (in the producing stack) of every resource a value references across stacks: through
 * `Fn::ImportValue` (strong references, what cdk.json asks for) or `Fn::GetStackOutput`
 * (weak ones).
 */
export function crossStackTargets(value: unknown, producer: StackOutputs): string[] {
  const outputs = producer.template.toJSON().Outputs as Record<
    string,
    { Value: unknown; Export?: { Name: unknown } }
  >;
  const targetOf = (output: { Value: unknown } | undefined, what: string): string => {
    if (!output) throw new Error(`${what} is not an output of ${producer.stackName}`);
    return referencedId(output.Value);
  };
  if (Array.isArray(value)) return value.flatMap((item) => crossStackTargets(item, producer));
  if (typeof value !== 'object' || value === null) return [];
  if ('Fn::GetStackOutput' in value) {
    const { StackName, OutputName } = value['Fn::GetStackOutput'] as {
      StackName: string;
      OutputName: string;
    };
    if (StackName !== producer.stackName) throw new Error(`Reference to another stack: ${StackName}`);
    return [targetOf(outputs[OutputName], OutputName)];
  }
  if ('Fn::ImportValue' in value) {
    const name = JSON.stringify(value['Fn::ImportValue']);
    const output = Object.values(outputs).find(
      (candidate) => JSON.stringify(candidate.Export?.Name) === name,
    );
    return [targetOf(output, `Export ${name}`)];
  }
  return Object.values(value).flatMap((member) => crossStackTargets(member, producer));
}

/** The one method `method` at `path` of the REST API `restApiId`; fails loudly when there is none. */
export function routeOf(template: Template, restApiId: string, method: string, path: string): Route {
  const found = routesOf(template, restApiId).find(
    (candidate) => candidate.method === method && candidate.path === path,
  );
  if (!found) throw new Error(`No route ${method} ${path}`);
  return found;
}
