/** What a Task state's `Resource` asks for, and whether the local cloud can do it. */
export type TaskResource =
  /** `arn:aws:states:::lambda:invoke`: the optimized integration, answers the Invoke output shape. */
  | { readonly kind: 'lambda-invoke' }
  /** A function ARN as Resource (the legacy form): answers the function's payload. */
  | { readonly kind: 'lambda-function'; readonly functionArn: string }
  /** A pluggable integration (`sqs:sendMessage`, ...), by its key. */
  | { readonly kind: 'integration'; readonly key: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

const SERVICE_INTEGRATION = /^arn:[^:]+:states:::(.+)$/;
const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+(:[^:]+)?$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]+:\d{12}:activity:/;

export function classifyResource(resource: unknown, integrations: ReadonlySet<string>): TaskResource {
  if (typeof resource !== 'string') return { kind: 'unsupported', reason: 'Resource is not a string' };
  if (LAMBDA_FUNCTION.test(resource)) return { kind: 'lambda-function', functionArn: resource };
  if (ACTIVITY.test(resource)) {
    return { kind: 'unsupported', reason: `activities are not emulated (${resource})` };
  }
  const key = SERVICE_INTEGRATION.exec(resource)?.[1];
  if (key === undefined) return { kind: 'unsupported', reason: `unknown Resource ${resource}` };
  if (key.endsWith('.waitForTaskToken')) {
    return { kind: 'unsupported', reason: `task tokens (.waitForTaskToken) are not emulated (${resource})` };
  }
  if (/\.sync(:\d+)?$/.test(key)) {
    return { kind: 'unsupported', reason: `the .sync integration pattern is not emulated (${resource})` };
  }
  if (key === 'lambda:invoke') return { kind: 'lambda-invoke' };
  if (integrations.has(key)) return { kind: 'integration', key };
  return {
    kind: 'unsupported',
    reason: `service integration ${key} is not emulated (only lambda:invoke, function ARNs and plugged-in integrations)`,
  };
}
