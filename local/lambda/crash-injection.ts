/** How the next invocations of one function are to crash (see LocalLambdaService.injectCrashes). */
export interface CrashPlan {
  /** How many invocations, from the next one on, lose their environment (default 1). */
  readonly times?: number;
  /**
   * How long into each invocation the environment's process is killed (default 0: at once). An invocation
   * that answers sooner is killed as it answers, its answer lost: every armed crash happens, and a long
   * `afterMs` crashes after the handler's work is done (the caller never hears that it was).
   */
  readonly afterMs?: number;
  /**
   * How long the invocation is held before it reaches its environment (default 0): a slow start, as a
   * hung network path or a stalled dependency makes one, for testing a caller's timeouts. The crash then
   * follows as armed, so the caller that stopped waiting never gets a late answer either.
   */
  readonly delayMs?: number;
  /**
   * Only invocations whose event (as JSON text) contains this string crash and count: one order's, say,
   * while other callers of the same function run undisturbed. Plans with different filters are armed side
   * by side; arming the same function and filter again replaces that plan.
   */
  readonly payloadContains?: string;
}

interface ArmedPlan {
  remaining: number;
  readonly afterMs: number;
  readonly delayMs: number;
  readonly payloadContains: string | undefined;
}

/**
 * A test hook, not a Lambda feature: it arms a real crash (SIGKILL of the environment's process in the
 * middle of an invocation), so that what the caller sees is exactly what a crashed sandbox produces on
 * Lambda, `Runtime.ExitError`, and whatever the function had done before the kill stays done. Nothing in
 * the app knows about it; fault-injection tests arm it through the local endpoint.
 */
export class CrashInjection {
  /** Per function, its plans in the order they were armed. */
  private readonly armed = new Map<string, ArmedPlan[]>();

  arm(functionName: string, plan: CrashPlan = {}): void {
    const times = plan.times ?? 1;
    const afterMs = plan.afterMs ?? 0;
    const delayMs = plan.delayMs ?? 0;
    const { payloadContains } = plan;
    if (!Number.isInteger(times) || times < 0) throw new RangeError('times must be a whole number >= 0');
    if (!Number.isFinite(afterMs) || afterMs < 0) throw new RangeError('afterMs must be a number >= 0');
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('delayMs must be a number >= 0');
    if (payloadContains === '') throw new RangeError('payloadContains must not be empty');
    const others = (this.armed.get(functionName) ?? []).filter(
      (armed) => armed.payloadContains !== payloadContains,
    );
    const plans = times === 0 ? others : [...others, { remaining: times, afterMs, delayMs, payloadContains }];
    if (plans.length === 0) this.armed.delete(functionName);
    else this.armed.set(functionName, plans);
  }

  /** Disarms one function, or every function. */
  clear(functionName?: string): void {
    if (functionName === undefined) this.armed.clear();
    else this.armed.delete(functionName);
  }

  /**
   * For an invocation about to start with this event (JSON text): how long to hold it and when to kill
   * its environment, or undefined to let it run. The first armed plan the event matches is used up.
   */
  take(
    functionName: string,
    event: string,
  ): { readonly afterMs: number; readonly delayMs: number } | undefined {
    const plan = this.armed
      .get(functionName)
      ?.find(
        (candidate) => candidate.payloadContains === undefined || event.includes(candidate.payloadContains),
      );
    if (plan === undefined) return undefined;
    plan.remaining -= 1;
    if (plan.remaining <= 0) {
      this.arm(functionName, {
        times: 0,
        ...(plan.payloadContains === undefined ? {} : { payloadContains: plan.payloadContains }),
      });
    }
    return { afterMs: plan.afterMs, delayMs: plan.delayMs };
  }
}
