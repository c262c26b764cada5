import { types } from 'node:util';

/**
 * Lambda's error payload for anything a handler throws or passes to its callback, built as the Node.js
 * runtime builds it: an Error keeps its name, message and stack; any other value is reported by its type.
 */
export function errorPayload(error) {
  try {
    if (types.isNativeError(error) || looksLikeError(error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    // A getter that throws, a value without toString: the runtime gives up the same way.
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** An error from another realm or a hand-made `{ name, message }` object counts as an Error too. */
function looksLikeError(value) {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value;
}

/** An error with a Lambda runtime error type (`Runtime.HandlerNotFound`, ...) as its name. */
export function runtimeError(errorType, message) {
  const error = new Error(message);
  error.name = errorType;
  return error;
}
