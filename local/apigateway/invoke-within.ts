import type { InvokeOptions, InvokeResult, LambdaService } from '../lambda/types';

export const TIMED_OUT = Symbol('timed out');

/**
 * Invokes a function for an API's integration and waits at most `timeoutMs` for it, as REST and HTTP APIs
 * both do (each answers the timeout its own way). The function keeps running regardless, as on AWS.
 */
export async function invokeWithin(
  lambda: LambdaService,
  functionArn: string,
  event: unknown,
  timeoutMs: number,
  options: InvokeOptions = {},
): Promise<InvokeResult | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([lambda.invoke(functionArn, event, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
