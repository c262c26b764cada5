/**
 * The CommonJS half of module-isolation.mjs: `require` does not pass through the ES module resolve hook
 * (not on Node 20), so `Module._resolveFilename`, the one function every `require` and `require.resolve`
 * resolves through, is wrapped. For a package name required from the function's own code, a file outside
 * the code directory is refused, except a runtime-provided package, which is resolved from the local
 * cloud's own installation (the stand-in for Lambda's /var/runtime/node_modules).
 */
import Module, { isBuiltin } from 'node:module';
import { isBareSpecifier, isInside, isProvided } from './module-isolation.mjs';

export function isolateCommonJs({ codeDirectory, providedPackages, providedFrom }) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveIsolated(request, parent, isMain, options) {
    if (!isBareSpecifier(request) || !isInside(codeDirectory, parent?.filename)) {
      return resolveFilename.call(this, request, parent, isMain, options);
    }
    let resolved;
    try {
      resolved = resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    }
    if (resolved !== undefined && (isBuiltin(resolved) || isInside(codeDirectory, resolved))) return resolved;
    if (isProvided(request, providedPackages)) {
      return resolveFilename.call(this, request, parent, isMain, { paths: [providedFrom] });
    }
    throw cannotFind(request, parent);
  };
}

/** Node's own error for a module that is not there. */
function cannotFind(request, parent) {
  const requireStack = [];
  for (let module = parent; module?.filename; module = module.parent) requireStack.push(module.filename);
  const error = new Error(
    `Cannot find module '${request}'${requireStack.length ? `\nRequire stack:\n- ${requireStack.join('\n- ')}` : ''}`,
  );
  error.code = 'MODULE_NOT_FOUND';
  error.requireStack = requireStack;
  return error;
}
