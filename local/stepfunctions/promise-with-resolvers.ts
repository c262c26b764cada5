/**
 * `Promise.withResolvers` (ES2024) for Node 20.
 *
 * Why: aws-local-stepfunctions 3.x races every Task against a timeout built with `Promise.withResolvers()`.
 * Node 20 lacks it, so each Task throws a TypeError inside the interpreter, and that TypeError is caught
 * like any task error: a state with `Catch: States.ALL` silently takes its Catch branch and the run
 * "succeeds" down the wrong path. `interpreter.ts` imports this file before the library, and
 * test/unit/stepfunctions/node20-trap.test.ts proves a Task succeeds on this Node.
 *
 * Spec (ECMA-262 §27.2.4.8): a static method that calls `new this(executor)` (so subclasses work) and
 * returns a fresh plain object `{ promise, resolve, reject }`. Installed only where it is missing, as a
 * non-enumerable, writable, configurable property like the built-in.
 */

interface PromiseResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

function withResolvers<T>(this: PromiseConstructor): PromiseResolvers<T> {
  let resolve: ((value: T | PromiseLike<T>) => void) | undefined;
  let reject: ((reason?: unknown) => void) | undefined;
  const promise = new this<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  if (!resolve || !reject) throw new TypeError('Promise resolve or reject function is not callable');
  return { promise, resolve, reject };
}

/** Installs the polyfill when the runtime has no native `Promise.withResolvers`. Idempotent. */
export function installPromiseWithResolvers(): void {
  if (typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    value: withResolvers,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

installPromiseWithResolvers();
