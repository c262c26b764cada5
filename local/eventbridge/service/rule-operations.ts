import { busNameOf } from '../model/properties';
import type { EventBridgeModel, RuleModel } from '../model/types';
import { notFound, optionalString, paginate, requiredString } from './request';
import { ruleShape, targetShape } from './shapes';

/** ListRules, DescribeRule and ListTargetsByRule over the template's rules (read-only locally). */

export function listRules(model: EventBridgeModel, input: Record<string, unknown>): unknown {
  const bus = busOf(input);
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const rules = model.rules
    .filter((rule) => rule.eventBusName === bus && rule.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(rules, input);
  return { Rules: page.map(ruleShape), NextToken: nextToken };
}

export function describeRule(
  model: EventBridgeModel,
  input: Record<string, unknown>,
  accountId: string,
): unknown {
  const rule = findRule(model, requiredString(input, 'Name'), busOf(input));
  return { ...ruleShape(rule), CreatedBy: accountId };
}

export function listTargetsByRule(model: EventBridgeModel, input: Record<string, unknown>): unknown {
  const rule = findRule(model, requiredString(input, 'Rule'), busOf(input));
  const { page, nextToken } = paginate(rule.targets, input);
  return { Targets: page.map(targetShape), NextToken: nextToken };
}

function busOf(input: Record<string, unknown>): string {
  return busNameOf(optionalString(input, 'EventBusName') ?? 'default');
}

function findRule(model: EventBridgeModel, name: string, bus: string): RuleModel {
  const rule = model.rules.find((candidate) => candidate.name === name && candidate.eventBusName === bus);
  if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
  return rule;
}
