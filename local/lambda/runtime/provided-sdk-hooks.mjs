/**
 * Module resolve hook, run by Node's loader thread (see provided-sdk.mjs and module-isolation.mjs): an
 * import of a package name from the function's own code resolves inside its code directory or, for a
 * runtime-provided package, from the local cloud's installation; anything else is not found.
 */
import { fileURLToPath } from 'node:url';
import { isBareSpecifier, isInside, isProvided } from './module-isolation.mjs';

let settings;

export function initialize(data) {
  settings = data;
}

export async function resolve(specifier, context, nextResolve) {
  if (
    !settings ||
    !isBareSpecifier(specifier) ||
    !isInside(settings.codeDirectory, filePathOf(context.parentURL))
  ) {
    return nextResolve(specifier, context);
  }
  let resolved;
  try {
    resolved = await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  if (
    resolved &&
    (resolved.url.startsWith('node:') || isInside(settings.codeDirectory, filePathOf(resolved.url)))
  ) {
    return resolved;
  }
  if (isProvided(specifier, settings.providedPackages)) {
    return nextResolve(specifier, { ...context, parentURL: settings.providedFromUrl });
  }
  throw cannotFind(specifier, context.parentURL);
}

function filePathOf(url) {
  return typeof url === 'string' && url.startsWith('file:') ? fileURLToPath(url) : undefined;
}

/** Node's own error for a package that is not there. */
function cannotFind(specifier, parentURL) {
  const packageName = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  const error = new Error(
    `Cannot find package '${packageName}' imported from ${filePathOf(parentURL) ?? parentURL}`,
  );
  error.code = 'ERR_MODULE_NOT_FOUND';
  return error;
}
