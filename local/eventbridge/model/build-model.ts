import { LOCAL_ACCOUNT_ID, LOCAL_REGION, type ResolvedResource } from '../../model/resolved-resource';
import { type CompiledPattern, compileEventPattern, InvalidEventPatternError } from '../pattern';
import { ratePeriodMs } from '../schedule/rate';
import { busNameOf, numberOf, stringOf } from './properties';
import { readTargets } from './targets';
import type { ArchiveModel, EventBridgeModel, EventBusModel, RuleModel } from './types';

export interface ModelOptions {
  readonly accountId?: string;
  readonly region?: string;
}

/** Types of the AWS::Events namespace with no local emulation; reported, never silently ignored. */
const HANDLED_TYPES = new Set(['AWS::Events::EventBus', 'AWS::Events::Rule', 'AWS::Events::Archive']);

/** Event bus properties that change delivery in AWS and that the local cloud does not honour. */
const UNSUPPORTED_BUS_PROPERTIES = ['EventSourceName', 'DeadLetterConfig', 'KmsKeyIdentifier', 'LogConfig'];

/**
 * Builds the EventBridge model from the resolved resources of every stack: the `default` bus (which every
 * account has without declaring it), the custom buses, rules with their compiled patterns and targets,
 * and archives. What cannot be honoured goes into `warnings`.
 */
export function buildEventBridgeModel(
  resources: readonly ResolvedResource[],
  options: ModelOptions = {},
): EventBridgeModel {
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const region = options.region ?? LOCAL_REGION;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const buses = new Map<string, EventBusModel>([
    ['default', { name: 'default', arn: `arn:aws:events:${region}:${accountId}:event-bus/default` }],
  ]);
  const rules: RuleModel[] = [];
  const archives: ArchiveModel[] = [];

  for (const resource of resources) {
    if (resource.type === 'AWS::Events::EventBus') {
      const bus = readBus(resource, warn);
      buses.set(bus.name, bus);
    } else if (resource.type === 'AWS::Events::Rule') {
      rules.push(readRule(resource, warn));
    } else if (resource.type === 'AWS::Events::Archive') {
      const archive = readArchive(resource, warn);
      if (archive) archives.push(archive);
    } else if (resource.type.startsWith('AWS::Events::') && !HANDLED_TYPES.has(resource.type)) {
      warn(`${resource.logicalId}: ${resource.type} is not emulated`);
    }
  }
  for (const owner of [...rules, ...archives]) {
    if (!buses.has(owner.eventBusName)) {
      warn(
        `${owner.name}: event bus ${owner.eventBusName} is not declared in the app; it never receives events`,
      );
    }
  }
  return { buses, rules, archives, warnings };
}

function readBus(resource: ResolvedResource, warn: (message: string) => void): EventBusModel {
  const name = resource.physicalId;
  for (const property of UNSUPPORTED_BUS_PROPERTIES) {
    if (resource.properties[property] !== undefined) warn(`event bus ${name}: ${property} is not emulated`);
  }
  return { name, arn: resource.attributes.Arn ?? name };
}

function readRule(resource: ResolvedResource, warn: (message: string) => void): RuleModel {
  const properties = resource.properties;
  // The physical id is `<bus>|<name>` for a rule on a custom bus (see template/identity/messaging.ts).
  const name = resource.physicalId.split('|').pop() ?? resource.physicalId;
  const eventBusName = busNameOf(stringOf(properties.EventBusName) ?? 'default');
  const state = stringOf(properties.State) ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    warn(`rule ${name}: State ${state} is not emulated; treated as ENABLED`);
  }
  const scheduleExpression = stringOf(properties.ScheduleExpression);
  if (scheduleExpression !== undefined && ratePeriodMs(scheduleExpression) === undefined) {
    warn(`rule ${name}: ScheduleExpression ${scheduleExpression} is not emulated (only rate(...) is)`);
  }
  const { text, pattern } = readPattern(`rule ${name}`, properties.EventPattern, warn);
  return {
    name,
    arn: resource.attributes.Arn ?? name,
    eventBusName,
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    description: stringOf(properties.Description),
    eventPatternText: text,
    pattern,
    scheduleExpression,
    roleArn: stringOf(properties.RoleArn),
    targets: readTargets(name, properties.Targets, warn),
  };
}

/** An archive whose pattern is invalid is left out: without a pattern it would archive everything. */
function readArchive(resource: ResolvedResource, warn: (message: string) => void): ArchiveModel | undefined {
  const name = resource.physicalId;
  const source = stringOf(resource.properties.SourceArn) ?? 'default';
  const { text, pattern } = readPattern(`archive ${name}`, resource.properties.EventPattern, warn);
  if (text !== undefined && pattern === undefined) return undefined;
  return {
    name,
    arn: resource.attributes.Arn ?? name,
    eventBusName: busNameOf(source),
    pattern,
    retentionDays: numberOf(resource.properties.RetentionDays),
  };
}

/**
 * A pattern may arrive as an object (CDK writes one) or as JSON text (hand-written templates). An invalid
 * pattern would fail the deployment in AWS; here the rule is kept, never matches, and is reported.
 */
function readPattern(
  owner: string,
  value: unknown,
  warn: (message: string) => void,
): { text?: string; pattern?: CompiledPattern } {
  if (value === undefined) return {};
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return { text, pattern: compileEventPattern(text) };
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    warn(`${owner}: ${error.message}; it never matches`);
    return { text };
  }
}
