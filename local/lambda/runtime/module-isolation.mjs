/**
 * What a function's code may load, as on Lambda: its own bundle (the code directory, with any
 * node_modules inside it), Node's built-ins, and the SDK the runtime provides. Nothing else, in
 * particular nothing from a node_modules that happens to sit above the code directory (cdk.out inside a
 * repository): on Lambda the code is alone in /var/task and such an import fails with
 * `Runtime.ImportModuleError`. Shared by the ES module resolve hook (provided-sdk-hooks.mjs, on the
 * loader thread) and the CommonJS guard (commonjs-isolation.mjs).
 */
import path from 'node:path';

/**
 * The packages Lambda's runtime provides: AWS SDK v3 (`@aws-sdk/*`) from nodejs18.x on, AWS SDK v2
 * (`aws-sdk`) up to nodejs16.x (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
 */
export function providedPackagesFor(runtime) {
  const major = Number(/^nodejs(\d+)/.exec(runtime ?? '')?.[1] ?? Number.NaN);
  return major <= 16 ? ['aws-sdk'] : ['@aws-sdk/'];
}

/** Whether the specifier names one of the provided packages (or a file inside one). */
export function isProvided(specifier, providedPackages) {
  return providedPackages.some((name) =>
    name.endsWith('/') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`),
  );
}

/** A package name (`zod`, `@aws-sdk/client-sqs/dist`), not a path, URL or package-internal `#import`. */
export function isBareSpecifier(specifier) {
  return !/^(\.{1,2}(\/|$)|\/|#|[a-z][a-z0-9+.-]*:)/i.test(specifier) && !path.isAbsolute(specifier);
}

/** Whether a file is inside the directory (both real paths). */
export function isInside(directory, file) {
  if (typeof file !== 'string') return false;
  const relative = path.relative(directory, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
