import { randomUUID } from 'node:crypto';
import {
  admit,
  type BreakerSettings,
  type BreakerState,
  type BreakerStatus,
  countsInWindow,
  INITIAL_STATE,
  type Outcome,
  record,
  tripAfterCount,
} from './circuit-breaker-state';

/** Where the breaker's state lives, shared by every instance of every function that uses it. */
export interface BreakerStore {
  read(name: string): Promise<BreakerState | undefined>;
  /** Writes `next` only if the stored state is still at `expectedVersion` (0: none stored); false if not. */
  write(name: string, next: BreakerState, expectedVersion: number): Promise<boolean>;
  /**
   * Counts one call (and one failure if `failure`) atomically, if the circuit is still closed in the window
   * that started at `windowStartedAt`; the state after, or undefined when it has moved on.
   */
  count(name: string, windowStartedAt: number, failure: boolean): Promise<BreakerState | undefined>;
}

/** Told of every state change and every rejected call, to log them and emit metrics. */
export interface BreakerObserver {
  transition(name: string, from: BreakerStatus, to: BreakerStatus): void;
  rejected(name: string, status: BreakerStatus): void;
}

/** Thrown instead of calling through while the circuit is open (or half-open with a probe out). */
export class CircuitOpenError extends Error {
  override readonly name: string = 'CircuitOpenError';
  constructor(
    readonly breaker: string,
    readonly status: BreakerStatus,
    readonly retryAfterMs: number,
  ) {
    super(`Circuit ${breaker} is ${status}; retry in ${Math.ceil(retryAfterMs / 1000)} s.`);
  }
}

export interface CircuitBreakerOptions {
  readonly name: string;
  readonly settings: BreakerSettings;
  readonly store: BreakerStore;
  readonly observer?: BreakerObserver;
  readonly now?: () => number;
  readonly newProbeId?: () => string;
  /**
   * How long this instance trusts a CLOSED state it read before reading it again (default 0: every
   * call reads). A circuit another instance opened is then seen within this long, and each call saves a
   * consistent read: worth it where calls are many and cheap (the apps' backends read four parts per
   * request). A failure here, or any state this instance writes, is never trusted: the next call reads.
   * An open or half-open circuit is always read, so the single probe stays single.
   */
  readonly closedStateTtlMs?: number;
}

export interface CallOptions<T> {
  /**
   * Which errors count against the circuit. Business answers (a declined card) are not the dependency
   * failing and must not open it: only unavailability (timeouts, 5xx) should. Default: every error.
   */
  readonly isFailure?: (error: unknown) => boolean;
  /** Answers instead of failing when the circuit rejects the call (never for the call's own errors). */
  readonly fallback?: (error: CircuitOpenError) => T | Promise<T>;
}

/** Lost races to record one outcome before giving up on recording it (the call's result stands). */
const MAX_RECORD_ATTEMPTS = 5;

/**
 * A circuit breaker whose state is shared across the fleet (see circuit-breaker-state.ts for the
 * machine). Every state change is a conditional write on the state's version, so of many instances that
 * see the open timeout pass, exactly one becomes the probe; the others fail fast with CircuitOpenError.
 */
export class CircuitBreaker {
  private readonly now: () => number;
  private readonly newProbeId: () => string;
  private trusted: { readonly state: BreakerState; readonly until: number } | undefined;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    this.newProbeId = options.newProbeId ?? randomUUID;
  }

  get name(): string {
    return this.options.name;
  }

  async call<T>(fn: () => Promise<T>, callOptions: CallOptions<T> = {}): Promise<T> {
    const { name, settings, store } = this.options;
    const state = await this.currentState();
    const probeId = this.newProbeId();
    const admission = admit(state, this.now(), settings, probeId);
    if (admission.kind === 'reject') return this.rejected(state.status, admission.retryAfterMs, callOptions);
    let seen = state;
    if (admission.kind === 'probe') {
      if (!(await store.write(name, admission.next, state.version))) {
        // Another caller took the probe first.
        const current = (await store.read(name)) ?? INITIAL_STATE;
        return this.rejected(current.status, settings.probeTimeoutMs, callOptions);
      }
      this.changed(state.status, admission.next.status);
      seen = admission.next;
    }
    const isProbe = admission.kind === 'probe';
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      // An error that does not count (a business answer) still proves the dependency is up: a success.
      const outcome = (callOptions.isFailure?.(error) ?? true) ? 'failure' : 'success';
      if (outcome === 'failure') this.trusted = undefined;
      await this.report(seen, outcome, isProbe ? probeId : undefined);
      throw error;
    }
    await this.report(seen, 'success', isProbe ? probeId : undefined);
    return result;
  }

  /** The state from the store, or a CLOSED one read within `closedStateTtlMs`. */
  private async currentState(): Promise<BreakerState> {
    const ttl = this.options.closedStateTtlMs ?? 0;
    const now = this.now();
    if (this.trusted && this.trusted.until > now) return this.trusted.state;
    const state = (await this.options.store.read(this.options.name)) ?? INITIAL_STATE;
    this.trusted = ttl > 0 && state.status === 'CLOSED' ? { state, until: now + ttl } : undefined;
    return state;
  }

  private async rejected<T>(
    status: BreakerStatus,
    retryAfterMs: number,
    callOptions: CallOptions<T>,
  ): Promise<T> {
    this.options.observer?.rejected(this.options.name, status);
    const error = new CircuitOpenError(this.options.name, status, retryAfterMs);
    if (callOptions.fallback) return callOptions.fallback(error);
    throw error;
  }

  /**
   * Records an outcome. In a closed circuit's current window it is an atomic count (no race, whatever the
   * number of instances), then a conditional trip to OPEN if the threshold is reached; anything else (a
   * new window, the probe's verdict) is a conditional write of the next state, re-read after a lost race.
   */
  private async report(seen: BreakerState, outcome: Outcome, probeId: string | undefined): Promise<void> {
    const { name, settings, store } = this.options;
    let state = seen;
    for (let attempt = 1; attempt <= MAX_RECORD_ATTEMPTS; attempt++) {
      if (probeId === undefined && countsInWindow(state, outcome, this.now(), settings)) {
        const counted = await store.count(name, state.windowStartedAt, outcome === 'failure');
        if (counted !== undefined) {
          const open = tripAfterCount(counted, this.now(), settings);
          if (open !== undefined && (await store.write(name, open, counted.version)))
            this.changed('CLOSED', 'OPEN');
          return;
        }
      } else {
        const next = record(state, outcome, this.now(), settings, probeId);
        if (next === undefined) return;
        if (await store.write(name, next, state.version)) {
          this.changed(state.status, next.status);
          return;
        }
      }
      state = (await store.read(name)) ?? INITIAL_STATE;
    }
  }

  private changed(from: BreakerStatus, to: BreakerStatus): void {
    this.trusted = undefined;
    if (from !== to) this.options.observer?.transition(this.options.name, from, to);
  }
}
