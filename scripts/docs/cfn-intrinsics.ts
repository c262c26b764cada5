/**
 * Reading CloudFormation intrinsics without deploying: a template's values are strings mixed with `Ref`,
 * `Fn::GetAtt`, `Fn::ImportValue`, `Fn::Join` and `Fn::Sub`, whose values only exist once deployed. The docs
 * render them with placeholders (`${Ref}`), which keeps a rendered string parseable (no quotes in them).
 */
export type Json = unknown;

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
  readonly Metadata?: Record<string, Json>;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { readonly Value: Json; readonly Export?: { readonly Name: Json } }>;
}

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string-valued intrinsic as one string, each unknown part a `${...}` placeholder. */
export function renderWithPlaceholders(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
    if (Array.isArray(value['Fn::GetAtt'])) return `\${${value['Fn::GetAtt'].join('.')}}`;
    if ('Fn::ImportValue' in value) return `\${import:${renderWithPlaceholders(value['Fn::ImportValue'])}}`;
    if (Array.isArray(value['Fn::Join'])) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map(renderWithPlaceholders).join(separator);
    }
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      return typeof sub === 'string' ? sub : renderWithPlaceholders((sub as Json[])[0]);
    }
  }
  return `\${?}`;
}

/** Where a value points: a logical id of the same template, or an export of another stack. */
export type Reference =
  | { readonly kind: 'local'; readonly logicalId: string; readonly attribute?: string }
  | { readonly kind: 'import'; readonly exportName: string };

/** Every reference inside a value (pseudo parameters such as `AWS::Region` left out), in order. */
export function referencesIn(value: Json): Reference[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (!isObject(value)) return [];
  if (typeof value.Ref === 'string') {
    return value.Ref.startsWith('AWS::') ? [] : [{ kind: 'local', logicalId: value.Ref }];
  }
  if (Array.isArray(value['Fn::GetAtt'])) {
    const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
    return [{ kind: 'local', logicalId, attribute }];
  }
  if ('Fn::ImportValue' in value) {
    const name = value['Fn::ImportValue'];
    return typeof name === 'string' ? [{ kind: 'import', exportName: name }] : [];
  }
  return Object.values(value).flatMap(referencesIn);
}

/** A template's construct path of a resource (`aws:cdk:path`), empty when the app did not record it. */
export function constructPath(resource: CfnResource): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : '';
}
