/** How the next invocations of one function are to crash (see LocalLambdaService.injectCrashes). */
export interface CrashPlan {
  /** How many invocations, from the next one on, lose their environment (default 1). */
  readonly times?: number;
  /** How long into each invocation the environment's process is killed (default 0: at once). */
  readonly afterMs?: number;
}

/**
 * A test hook, not a Lambda feature: it arms a real crash (SIGKILL of the environment's process in the
 * middle of an invocation), so that what the caller sees is exactly what a crashed sandbox produces on
 * Lambda, `Runtime.ExitError`, and whatever the function had done before the kill stays done. Nothing in
 * the app knows about it; fault-injection tests arm it through the local endpoint.
 */
export class CrashInjection {
  private readonly armed = new Map<string, { remaining: number; afterMs: number }>();

  arm(functionName: string, plan: CrashPlan = {}): void {
    const times = plan.times ?? 1;
    const afterMs = plan.afterMs ?? 0;
    if (!Number.isInteger(times) || times < 0) throw new RangeError('times must be a whole number >= 0');
    if (!Number.isFinite(afterMs) || afterMs < 0) throw new RangeError('afterMs must be a number >= 0');
    if (times === 0) this.armed.delete(functionName);
    else this.armed.set(functionName, { remaining: times, afterMs });
  }

  /** Disarms one function, or every function. */
  clear(functionName?: string): void {
    if (functionName === undefined) this.armed.clear();
    else this.armed.delete(functionName);
  }

  /** For an invocation about to start: when to kill its environment, or undefined to let it run. */
  take(functionName: string): number | undefined {
    const plan = this.armed.get(functionName);
    if (!plan) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) this.armed.delete(functionName);
    return plan.afterMs;
  }
}
