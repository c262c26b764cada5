import { isRecord } from './cfn-template';
import { intrinsicOf } from './intrinsics/evaluate';
import { parseSub, splitAttributeReference } from './intrinsics/sub';

/**
 * The names a template value refers to through Ref, Fn::GetAtt and Fn::Sub, found without evaluating
 * anything, so that resources can be resolved in dependency order. `takeBranch` decides Fn::If when the
 * conditions are known: a reference in the branch not taken is not a dependency (as in CloudFormation).
 */
export function referencedNames(value: unknown, takeBranch?: (condition: string) => boolean): Set<string> {
  const names = new Set<string>();
  const scan = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(scan);
      return;
    }
    if (!isRecord(node)) return;
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) {
      Object.values(node).forEach(scan);
      return;
    }
    const { name, args } = intrinsic;
    if (name === 'Ref' && typeof args === 'string') names.add(args);
    else if (name === 'Fn::GetAtt') scanGetAtt(args, names, scan);
    else if (name === 'Fn::Sub') scanSub(args, names, scan);
    else if (name === 'Fn::If' && takeBranch && Array.isArray(args) && typeof args[0] === 'string') {
      scan(takeBranch(args[0]) ? args[1] : args[2]);
    } else scan(args);
  };
  scan(value);
  return names;
}

function scanGetAtt(args: unknown, names: Set<string>, scan: (node: unknown) => void): void {
  if (typeof args === 'string') {
    const reference = splitAttributeReference(args);
    if (reference) names.add(reference.logicalId);
  } else if (Array.isArray(args)) {
    if (typeof args[0] === 'string') names.add(args[0]);
    scan(args[1]);
  }
}

function scanSub(args: unknown, names: Set<string>, scan: (node: unknown) => void): void {
  const [template, variables] = typeof args === 'string' ? [args, {}] : Array.isArray(args) ? args : [];
  if (typeof template !== 'string') return;
  const local = isRecord(variables) ? variables : {};
  for (const part of parseSub(template)) {
    if (!('variable' in part) || part.variable in local) continue;
    names.add(splitAttributeReference(part.variable)?.logicalId ?? part.variable);
  }
  scan(local);
}
