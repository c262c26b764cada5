import { CircuitOpenError } from '../../shared/resilience/circuit-breaker';

/**
 * API composition: the parts of one answer loaded in parallel from their backends, each within its own
 * timeout and all within one deadline, each behind its backend's circuit breaker. The answer is never
 * later than the deadline, whatever a backend does: a part that is late, refused by its open circuit or
 * failing is reported as such (the caller answers without it, naming it), never waited for.
 */

/** A backend's circuit breaker as composition uses it (the shop's shared `CircuitBreaker` is one). */
export interface PartBreaker {
  call<T>(fn: () => Promise<T>, options: { readonly isFailure: (error: unknown) => boolean }): Promise<T>;
}

export interface PartSpec<T> {
  /** At most this long, and never past the deadline. */
  readonly timeoutMs: number;
  readonly breaker?: PartBreaker;
  /**
   * The part, or undefined when it does not exist (yet): an answer, not a failure. Rejects when the
   * backend cannot answer. `signal` aborts when the part's time is up, so the call stops there too.
   */
  readonly load: (signal: AbortSignal) => Promise<T | undefined>;
  /** Errors that are an answer of the backend (it works), not its failure: they do not open its circuit. */
  readonly isAnswer?: (error: unknown) => boolean;
}

export type PartFailure =
  | { readonly kind: 'late'; readonly afterMs: number }
  | { readonly kind: 'circuit-open'; readonly retryAfterMs: number }
  | { readonly kind: 'failed'; readonly error: unknown };

export type PartOutcome<T> =
  | { readonly kind: 'found'; readonly value: T }
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly failure: PartFailure };

type Parts = Record<string, PartSpec<unknown>>;
type Loaded<S> = S extends PartSpec<infer T> ? T : never;
export type Composed<S extends Parts> = { readonly [K in keyof S]: PartOutcome<Loaded<S[K]>> };

export interface CompositionOptions {
  /** How long the whole composition may take, from `startedAt`. */
  readonly deadlineMs: number;
  /** When the request started (its deadline counts from there); now by default. */
  readonly startedAt?: number;
  readonly now?: () => number;
}

/** Loads every part at once; resolves by the deadline at the latest, with each part's outcome. */
export async function compose<S extends Parts>(parts: S, options: CompositionOptions): Promise<Composed<S>> {
  const now = options.now ?? Date.now;
  const deadlineAt = (options.startedAt ?? now()) + options.deadlineMs;
  const names = Object.keys(parts);
  const outcomes = await Promise.all(
    names.map((name) => {
      const spec = parts[name] as PartSpec<unknown>;
      return loadPart(spec, Math.max(0, Math.min(spec.timeoutMs, deadlineAt - now())));
    }),
  );
  return Object.fromEntries(names.map((name, index) => [name, outcomes[index]])) as Composed<S>;
}

async function loadPart<T>(spec: PartSpec<T>, budgetMs: number): Promise<PartOutcome<T>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<PartOutcome<T>>((resolve) => {
    timer = setTimeout(() => {
      // The call is aborted too: it fails, and its breaker counts the failure (after this answer).
      controller.abort(new PartTimeoutError(budgetMs));
      resolve({ kind: 'failed', failure: { kind: 'late', afterMs: budgetMs } });
    }, budgetMs);
  });
  try {
    return await Promise.race([attempt(spec, controller.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt<T>(spec: PartSpec<T>, signal: AbortSignal): Promise<PartOutcome<T>> {
  try {
    const load = () => spec.load(signal);
    const isFailure = (error: unknown) => !(spec.isAnswer?.(error) ?? false);
    const value = await (spec.breaker ? spec.breaker.call(load, { isFailure }) : load());
    return value === undefined ? { kind: 'absent' } : { kind: 'found', value };
  } catch (error) {
    if (error instanceof CircuitOpenError) {
      return { kind: 'failed', failure: { kind: 'circuit-open', retryAfterMs: error.retryAfterMs } };
    }
    return { kind: 'failed', failure: { kind: 'failed', error } };
  }
}

/** The reason a part's call is aborted with when its time is up. */
export class PartTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly afterMs: number) {
    super(`No answer within ${afterMs} ms.`);
  }
}
