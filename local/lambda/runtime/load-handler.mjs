import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runtimeError } from './error-payload.mjs';

/** The file extensions the Node.js runtime tries for a handler's module, in its order. */
const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/**
 * Resolves a `Handler` setting the way the Node.js runtime does: `dir/file.export.nested` names the module
 * `dir/file` (the first dot after the last slash ends the module name) and a property path in it.
 * ES modules and CommonJS both load through `import()`; a CommonJS module's exports are also looked up on
 * its `default` export, where Node puts `module.exports`.
 */
export async function loadHandler(taskRoot, handlerSetting) {
  const slash = handlerSetting.lastIndexOf('/');
  const moduleDirectory = handlerSetting.slice(0, slash + 1);
  const match = /^([^.]+)\.(.+)$/.exec(handlerSetting.slice(slash + 1));
  if (!match) throw runtimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName, propertyPath] = match;

  const base = path.resolve(taskRoot, moduleDirectory, moduleName);
  const file = MODULE_EXTENSIONS.map((extension) => base + extension).find((candidate) =>
    existsSync(candidate),
  );
  if (!file) throw runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);

  const exports = await importUserModule(file);
  const handler = propertyAt(exports, propertyPath) ?? propertyAt(exports.default, propertyPath);
  if (handler === undefined) {
    throw runtimeError('Runtime.HandlerNotFound', `${handlerSetting} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw runtimeError('Runtime.HandlerNotFound', `${handlerSetting} is not a function`);
  }
  return handler;
}

/** Imports the module; a missing dependency or a syntax error gets the runtime's error type. */
async function importUserModule(file) {
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw runtimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    }
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'MODULE_NOT_FOUND') {
      throw runtimeError('Runtime.ImportModuleError', `Error: ${error.message}`);
    }
    // Anything else the module throws while it initializes is reported as itself (e.g. a ConfigError).
    throw error;
  }
}

function propertyAt(value, propertyPath) {
  return propertyPath.split('.').reduce((object, key) => (object == null ? undefined : object[key]), value);
}
