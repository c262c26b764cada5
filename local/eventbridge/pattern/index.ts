/**
 * EventBridge event patterns for the local cloud: AWS's validation (an invalid pattern is rejected with
 * AWS's reason) and AWS's matching semantics, checked against AWS-recorded cases in
 * `local/test/conformance/eventbridge-patterns`. Compile a rule's pattern once; match every event against it.
 */
export { compileEventPattern } from './compile';
export { InvalidEventPatternError } from './errors';
export { matches } from './match';
export type { CompiledPattern, FieldCondition, Leaf, ValueMatcher } from './types';
