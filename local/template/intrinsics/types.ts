/**
 * `{ Ref: 'AWS::NoValue' }` evaluates to this marker; the walker then drops the object key or array element
 * that holds it, which is what CloudFormation does.
 */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * Everything an intrinsic function needs from the stack it is evaluated in. The evaluator itself is pure:
 * names, attributes, conditions and exports all come through this interface.
 */
export interface IntrinsicScope {
  /** `Ref`: a resource's physical id, a parameter's value or a pseudo parameter. */
  ref(name: string, at: string): unknown;
  /** `Fn::GetAtt` of a resource of this stack. */
  getAtt(logicalId: string, attribute: string, at: string): unknown;
  /** The value of a named condition of the template's Conditions section. */
  condition(name: string, at: string): boolean;
  /** `Fn::ImportValue`: the value exported under this name by a stack resolved earlier. */
  importValue(exportName: string, at: string): unknown;
  /** `Fn::GetStackOutput`: an output of a stack resolved earlier. */
  stackOutput(stackName: string, outputName: string, at: string): unknown;
  /** The template's Mappings section. */
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly region: string;
  /**
   * Records something the local cloud cannot evaluate (an unknown intrinsic, an attribute it does not
   * emulate) and returns the placeholder string that stands in for it.
   */
  unresolvable(at: string, intrinsic: string, reason: string): string;
}

/** What one intrinsic function's implementation receives besides its arguments. */
export interface IntrinsicContext {
  readonly scope: IntrinsicScope;
  /** Where in the template this function sits, for messages. */
  readonly at: string;
  /** Evaluates a nested value (which may itself hold intrinsics). */
  evaluate(value: unknown, at?: string): unknown;
}

export type IntrinsicFunction = (args: unknown, context: IntrinsicContext) => unknown;
