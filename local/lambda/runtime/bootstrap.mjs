/**
 * One Lambda execution environment: the local stand-in for the Node.js runtime. The parent
 * (../execution-environment.ts) forks this file with nothing but the function's environment and talks
 * to it over the IPC channel, with the messages described in ../protocol.ts. It loads the handler once
 * (the init phase), then serves one invocation at a time; module state persists between invocations, as
 * in a warm Lambda sandbox. Plain JavaScript on purpose: no TypeScript loader may leak into user code.
 */
// First: the runtime-provided AWS SDK must be resolvable before the handler's module is imported.
import './provided-sdk.mjs';
import { errorPayload, runtimeError } from './error-payload.mjs';
import { lambdaContext } from './lambda-context.mjs';
import { loadHandler } from './load-handler.mjs';

/** The invocation in progress, so that a process-wide error can fail it: `{ requestId, settled }`. */
let current;
let initialized = false;

// The parent going away (closed, crashed, killed) must never leave an environment behind.
process.on('disconnect', () => process.exit(0));
// As in Lambda, an error nobody catches fails the invocation and ends the environment.
process.on('uncaughtException', (error) => crash(errorPayload(error)));
process.on('unhandledRejection', (reason) =>
  crash(errorPayload(runtimeError('Runtime.UnhandledPromiseRejection', describe(reason)))),
);

let handler;
try {
  handler = await loadHandler(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER);
  initialized = true;
  process.on('message', (message) => {
    if (message?.type === 'invoke') invoke(message);
  });
  send({ type: 'ready' });
} catch (error) {
  const payload = errorPayload(error);
  logError(undefined, 'Uncaught Exception', payload);
  // The parent discards this environment; the next invocation starts a fresh one, as Lambda does.
  send({ type: 'init-error', error: payload });
}

function invoke({ requestId, event, deadlineMs, invokedFunctionArn, traceId }) {
  // Per invocation, as the Node.js runtime does: the X-Ray SDK, Powertools' Tracer and the AWS SDK's
  // recursion detection read it from the environment; an untraced invocation has none.
  if (traceId === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = traceId;
  const invocation = { requestId, settled: false };
  current = invocation;
  const finish = (message) => {
    invocation.settled = true;
    if (current === invocation) current = undefined;
    send(message);
  };
  const succeed = (result) => {
    if (invocation.settled) return;
    let payload;
    try {
      // What Lambda returns is JSON: whatever does not survive JSON.stringify does not reach the caller.
      payload = JSON.stringify(result) ?? 'null';
    } catch {
      return fail(new Error('Unable to stringify response body'));
    }
    finish({ type: 'result', requestId, payload });
  };
  const fail = (error) => {
    if (invocation.settled) return;
    const payload = errorPayload(error);
    logError(requestId, 'Invoke Error', payload);
    finish({ type: 'error', requestId, error: payload, fatal: false });
  };
  const callback = (error, result) => (error === undefined || error === null ? succeed(result) : fail(error));

  const context = lambdaContext({ requestId, deadlineMs, invokedFunctionArn }, { succeed, fail, callback });
  try {
    const returned = handler(JSON.parse(event), context, callback);
    if (typeof returned?.then === 'function') returned.then(succeed, fail);
    // A synchronous handler that takes no callback answers with its return value (as on nodejs24.x);
    // one that takes a callback answers when it calls it.
    else if (handler.length < 3) succeed(returned);
  } catch (error) {
    fail(error);
  }
}

function crash(payload) {
  logError(current?.requestId, 'Uncaught Exception', payload);
  if (!initialized) return send({ type: 'init-error', error: payload });
  const invocation = current;
  if (!invocation) return process.exit(129);
  invocation.settled = true;
  current = undefined;
  // Exit only once the parent has the error, so it is reported rather than seen as a bare exit.
  send({ type: 'error', requestId: invocation.requestId, error: payload, fatal: true }, () =>
    process.exit(129),
  );
}

function send(message, then) {
  if (!process.connected) return;
  if (then) process.send(message, then);
  else process.send(message);
}

/** The line the Node.js runtime writes to the function's log for a failed init or invocation. */
function logError(requestId, label, payload) {
  process.stderr.write(
    `${new Date().toISOString()}\t${requestId}\tERROR\t${label} \t${JSON.stringify(payload)}\n`,
  );
}

function describe(reason) {
  try {
    return String(reason);
  } catch {
    return typeof reason;
  }
}
