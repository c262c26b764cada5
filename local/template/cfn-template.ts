/**
 * The parts of a CloudFormation template the local cloud reads. Values stay `unknown` because any of them
 * may hold an intrinsic function until the resolver has evaluated it.
 */
export interface CfnTemplate {
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Mappings?: Readonly<Record<string, unknown>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
  readonly Transform?: unknown;
  /** Deployment-time assertions (CDK's CheckBootstrapVersion): never evaluated locally. */
  readonly Rules?: unknown;
}

export interface CfnParameter {
  readonly Type: string;
  readonly Default?: unknown;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface CfnOutput {
  readonly Value: unknown;
  readonly Export?: { readonly Name: unknown };
  readonly Condition?: string;
  readonly Description?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape the resolver relies on (every resource has a string Type, sections are objects), so a
 * broken template fails here with its file name instead of deep inside the resolver.
 */
export function asTemplate(value: unknown, source: string): CfnTemplate {
  if (!isRecord(value)) throw new Error(`${source} is not a CloudFormation template (not a JSON object)`);
  for (const section of ['Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs']) {
    if (value[section] !== undefined && !isRecord(value[section])) {
      throw new Error(`${source}: the ${section} section is not an object`);
    }
  }
  for (const [logicalId, resource] of Object.entries((value.Resources as Record<string, unknown>) ?? {})) {
    // Fn::ForEach (AWS::LanguageExtensions) is a generator, not a resource: the resolver reports it.
    if (logicalId.startsWith('Fn::ForEach::')) continue;
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new Error(`${source}: resource ${logicalId} has no Type`);
    }
  }
  return value as CfnTemplate;
}

/** `DependsOn` may be one logical id or a list of them. */
export function dependsOnOf(resource: CfnResource): readonly string[] {
  if (resource.DependsOn === undefined) return [];
  return typeof resource.DependsOn === 'string' ? [resource.DependsOn] : resource.DependsOn;
}
