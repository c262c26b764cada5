import type { CfnTemplate } from './cfn-template';
import type { UnresolvedValue } from './resolution-types';

/** Template features that rewrite a template before CloudFormation sees it: reported, never silently skipped. */

type StackInput = { readonly stackName: string; readonly template: CfnTemplate };
type Report = (problem: UnresolvedValue) => void;

/** Transforms whose only effect the resolver already implements (Fn::Length, Fn::ToJsonString, ...). */
const EVALUATED_TRANSFORMS = new Set(['AWS::LanguageExtensions']);

/** `Fn::ForEach::Name` (AWS::LanguageExtensions) generates resources; the local cloud does not expand it. */
export function isForEach(key: string, stack: StackInput, report: Report): boolean {
  if (!key.startsWith('Fn::ForEach::')) return false;
  report({
    stackName: stack.stackName,
    location: `${stack.stackName}/Resources/${key}`,
    intrinsic: 'Fn::ForEach',
    reason:
      'the local cloud does not expand Fn::ForEach; the resources it would generate do not exist locally',
    placeholder: '',
  });
  return true;
}

/** A transform (SAM, a macro) would rewrite the template before deployment; the local cloud cannot run it. */
export function reportTransforms(stack: StackInput, report: Report): void {
  const declared = stack.template.Transform;
  const names = (Array.isArray(declared) ? declared : declared === undefined ? [] : [declared]).map((item) =>
    typeof item === 'string' ? item : JSON.stringify(item),
  );
  for (const name of names.filter((transform) => !EVALUATED_TRANSFORMS.has(transform))) {
    report({
      stackName: stack.stackName,
      location: `${stack.stackName}/Transform`,
      intrinsic: `Transform ${name}`,
      reason: 'the local cloud does not apply template transforms; the template is used as synthesized',
      placeholder: '',
    });
  }
}
