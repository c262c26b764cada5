import { type App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { StageName } from '../../lib/config/stage-config';
import type { ShopStacks } from '../../lib/shop-app';
import { synthShop } from './synth';

export interface ShopTemplates {
  readonly app: App;
  readonly stacks: ShopStacks;
  readonly events: Template;
  readonly orders: Template;
  readonly inventory: Template;
  readonly customers: Template;
  readonly payments: Template;
  readonly shipping: Template;
  readonly saga: Template;
  readonly edge: Template;
  readonly apps: Template;
  readonly notifications: Template;
  readonly push: Template;
}

const cache = new Map<StageName, ShopTemplates>();

/**
 * Every stack's template of one stage, synthesized once per test file. The build is env-agnostic
 * (no CDK_DEFAULT_ACCOUNT/REGION), as in CI, so templates and snapshots do not depend on the shell.
 */
export function shopTemplates(stage: StageName): ShopTemplates {
  const cached = cache.get(stage);
  if (cached) return cached;
  const { CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION } = process.env;
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  try {
    const { app, stacks } = synthShop(stage);
    const templates = {
      app,
      stacks,
      events: Template.fromStack(stacks.events),
      orders: Template.fromStack(stacks.orders),
      inventory: Template.fromStack(stacks.inventory),
      customers: Template.fromStack(stacks.customers),
      payments: Template.fromStack(stacks.payments),
      shipping: Template.fromStack(stacks.shipping),
      saga: Template.fromStack(stacks.saga),
      edge: Template.fromStack(stacks.edge),
      apps: Template.fromStack(stacks.apps),
      notifications: Template.fromStack(stacks.notifications),
      push: Template.fromStack(stacks.push),
    };
    cache.set(stage, templates);
    return templates;
  } finally {
    if (CDK_DEFAULT_ACCOUNT !== undefined) process.env.CDK_DEFAULT_ACCOUNT = CDK_DEFAULT_ACCOUNT;
    if (CDK_DEFAULT_REGION !== undefined) process.env.CDK_DEFAULT_REGION = CDK_DEFAULT_REGION;
  }
}

/** The logical id of a construct's CloudFormation resource (the construct itself or its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!CfnElement.isCfnElement(element)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  }
  return Stack.of(element).resolve(element.logicalId) as string;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties: Readonly<Record<string, unknown>>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

/** One resource of a template by logical id; fails loudly when it is missing. */
export function resourceOf(template: Template, logicalId: string): CfnResourceJson {
  const resource = (template.toJSON().Resources as Record<string, CfnResourceJson | undefined>)[logicalId];
  if (!resource) throw new Error(`No resource ${logicalId} in the template`);
  return { ...resource, Properties: resource.Properties ?? {} };
}

/** Every resource of a type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: Template, type: string): Array<[string, CfnResourceJson]> {
  return Object.entries(template.findResources(type)).map(([id, resource]) => [
    id,
    { ...(resource as CfnResourceJson), Properties: (resource as CfnResourceJson).Properties ?? {} },
  ]);
}

/** The logical id inside `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attribute] }`. */
export function referencedId(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
    if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  }
  throw new Error(`Not a Ref or Fn::GetAtt: ${JSON.stringify(value)}`);
}

/**
 * Renders a string-valued intrinsic as one readable string: `{ Ref: X }` becomes `${X}`,
 * `{ 'Fn::GetAtt': [X, A] }` becomes `${X.A}`, `Fn::Join` is joined; anything else is an error.
 */
export function renderString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    if ('Ref' in value) return `\${${String(value.Ref)}}`;
    if ('Fn::ImportValue' in value) return `\${import:${String(value['Fn::ImportValue'])}}`;
    if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) {
      return `\${${value['Fn::GetAtt'].join('.')}}`;
    }
    if ('Fn::Join' in value && Array.isArray(value['Fn::Join'])) {
      const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
      return parts.map(renderString).join(separator);
    }
  }
  throw new Error(`Cannot render ${JSON.stringify(value)} as a string`);
}

/** The full path of an `AWS::ApiGateway::Resource` (`/me/orders/{orderId}`), walked up to the API's root. */
export function resourcePathOf(template: Template, resourceId: unknown): string {
  if (typeof resourceId === 'object' && resourceId !== null && 'Fn::GetAtt' in resourceId) return '';
  const resource = resourceOf(template, referencedId(resourceId));
  return `${resourcePathOf(template, resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
}
