/**
 * The circuit breaker as pure functions over a state that every instance of every function shares (the
 * store keeps it in DynamoDB): no I/O, no clock; time comes in as epoch milliseconds.
 *
 *   CLOSED --(failure threshold reached within the window)--> OPEN
 *   OPEN --(openMs passed; one caller wins the probe)--> HALF_OPEN
 *   HALF_OPEN --(the probe succeeds)--> CLOSED     HALF_OPEN --(the probe fails)--> OPEN
 *
 * Only the caller holding the probe may call through while HALF_OPEN; everyone else is rejected until it
 * reports, or until its lease (`probeTimeoutMs`) runs out and another caller takes the probe over.
 */
export type BreakerStatus = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerState {
  readonly status: BreakerStatus;
  /** Start of the current counting window (a tumbling window of `windowMs`). */
  readonly windowStartedAt: number;
  readonly calls: number;
  readonly failures: number;
  /** When the circuit last opened (OPEN). */
  readonly openedAt?: number;
  /** Who holds the probe and until when (HALF_OPEN). */
  readonly probeId?: string;
  readonly probeExpiresAt?: number;
  /** Bumped by every change: writes are conditional on it, so concurrent callers never lose a change. */
  readonly version: number;
}

export type FailureThreshold =
  /** Open after this many failures within one window. */
  | { readonly kind: 'count'; readonly failures: number }
  /** Open when at least `rate` of the calls in one window failed, once `minimumCalls` were made. */
  | { readonly kind: 'rate'; readonly rate: number; readonly minimumCalls: number };

export interface BreakerSettings {
  readonly threshold: FailureThreshold;
  readonly windowMs: number;
  /** How long the circuit stays open before one probe is let through. */
  readonly openMs: number;
  /** How long a probe may take before another caller may take it over. */
  readonly probeTimeoutMs: number;
}

export const INITIAL_STATE: BreakerState = {
  status: 'CLOSED',
  windowStartedAt: 0,
  calls: 0,
  failures: 0,
  version: 0,
};

export type Admission =
  | { readonly kind: 'pass' }
  | { readonly kind: 'probe'; readonly next: BreakerState }
  | { readonly kind: 'reject'; readonly retryAfterMs: number };

/** Whether a call may go through now, and the state change that letting it through as the probe makes. */
export function admit(
  state: BreakerState,
  now: number,
  settings: BreakerSettings,
  probeId: string,
): Admission {
  switch (state.status) {
    case 'CLOSED':
      return { kind: 'pass' };
    case 'OPEN': {
      const reopensAt = (state.openedAt ?? 0) + settings.openMs;
      if (now < reopensAt) return { kind: 'reject', retryAfterMs: reopensAt - now };
      return { kind: 'probe', next: probing(state, now, settings, probeId) };
    }
    case 'HALF_OPEN': {
      const expiresAt = state.probeExpiresAt ?? 0;
      if (now < expiresAt) return { kind: 'reject', retryAfterMs: expiresAt - now };
      // The probe's holder never reported (it crashed or timed out): someone must find out instead.
      return { kind: 'probe', next: probing(state, now, settings, probeId) };
    }
  }
}

function probing(state: BreakerState, now: number, settings: BreakerSettings, probeId: string): BreakerState {
  return {
    status: 'HALF_OPEN',
    windowStartedAt: state.windowStartedAt,
    calls: 0,
    failures: 0,
    ...(state.openedAt === undefined ? {} : { openedAt: state.openedAt }),
    probeId,
    probeExpiresAt: now + settings.probeTimeoutMs,
    version: state.version + 1,
  };
}

export type Outcome = 'success' | 'failure';

/**
 * The state after a call's outcome, or undefined when the outcome changes nothing (a success while
 * closed with a count threshold; any late outcome of a call admitted before the circuit opened).
 */
export function record(
  state: BreakerState,
  outcome: Outcome,
  now: number,
  settings: BreakerSettings,
  probeId?: string,
): BreakerState | undefined {
  if (state.status === 'HALF_OPEN') {
    if (probeId === undefined || probeId !== state.probeId) return undefined;
    return outcome === 'success' ? closed(now, state.version + 1) : opened(state, now);
  }
  if (state.status === 'OPEN' || probeId !== undefined) return undefined;
  // With a count threshold only failures count, so a success has nothing to write.
  if (outcome === 'success' && settings.threshold.kind === 'count') return undefined;
  const fresh = now - state.windowStartedAt >= settings.windowMs;
  const window = fresh ? { windowStartedAt: now, calls: 0, failures: 0 } : state;
  const counted = {
    ...state,
    windowStartedAt: window.windowStartedAt,
    calls: window.calls + 1,
    failures: window.failures + (outcome === 'failure' ? 1 : 0),
    version: state.version + 1,
  };
  return tripped(counted, settings.threshold) ? opened(counted, now) : counted;
}

/**
 * Whether an outcome of a closed circuit can be counted atomically in the current window (the common
 * case, with no read-modify-write race between instances), rather than through `record`.
 */
export function countsInWindow(
  state: BreakerState,
  outcome: Outcome,
  now: number,
  settings: BreakerSettings,
): boolean {
  // Version 0 is the initial state, not stored yet: the first outcome creates it through `record`.
  if (state.version === 0 || state.status !== 'CLOSED' || now - state.windowStartedAt >= settings.windowMs) {
    return false;
  }
  return outcome === 'failure' || settings.threshold.kind === 'rate';
}

/** After an atomic count: the open state if the counts reached the threshold, else undefined. */
export function tripAfterCount(
  state: BreakerState,
  now: number,
  settings: BreakerSettings,
): BreakerState | undefined {
  return state.status === 'CLOSED' && tripped(state, settings.threshold) ? opened(state, now) : undefined;
}

function tripped(state: BreakerState, threshold: FailureThreshold): boolean {
  if (threshold.kind === 'count') return state.failures >= threshold.failures;
  return state.calls >= threshold.minimumCalls && state.failures / state.calls >= threshold.rate;
}

function opened(state: BreakerState, now: number): BreakerState {
  return {
    status: 'OPEN',
    windowStartedAt: state.windowStartedAt,
    calls: state.calls,
    failures: state.failures,
    openedAt: now,
    version: state.version + 1,
  };
}

function closed(now: number, version: number): BreakerState {
  return { status: 'CLOSED', windowStartedAt: now, calls: 0, failures: 0, version };
}
