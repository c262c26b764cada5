import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CrashPlan } from '../lambda/crash-injection';

/** What the crash route needs of the local functions (LocalLambdaService has it). */
export interface CrashableFunctions {
  injectCrashes(functionNameOrArn: string, plan?: CrashPlan): void;
  clearCrashes(): void;
}

/**
 * The local cloud's fault-injection hook for Lambda, on the local endpoint beside `/_local/health`:
 *
 * - `POST /_local/lambda/crashes` `{ "functionName": "...", "times": 1, "afterMs": 200 }` arms real
 *   crashes of that function's next invocations (see crash-injection.ts); answers `200` with the plan.
 *   `"payloadContains": "..."` limits them to invocations whose event contains that text (one order's);
 *   `"delayMs": 5000` holds each such invocation that long first (a slow function, for timeouts).
 * - `DELETE /_local/lambda/crashes` disarms all.
 *
 * It exists only here: no AWS API has it, and nothing in an app may depend on it.
 */
export const CRASH_PATH = '/_local/lambda/crashes';

export function isCrashRoute(req: IncomingMessage): boolean {
  return req.url === CRASH_PATH && (req.method === 'POST' || req.method === 'DELETE');
}

export function handleCrashRoute(
  functions: CrashableFunctions,
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
): void {
  if (req.method === 'DELETE') {
    functions.clearCrashes();
    res.writeHead(204).end();
    return;
  }
  const request = parseCrashRequest(body);
  if (typeof request === 'string') {
    refuse(res, 400, request);
    return;
  }
  try {
    functions.injectCrashes(request.functionName, request.plan);
  } catch (error) {
    const notFound = error instanceof Error && error.name === 'ResourceNotFoundException';
    refuse(res, notFound ? 404 : 400, error instanceof Error ? error.message : String(error));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      functionName: request.functionName,
      times: request.plan.times ?? 1,
      afterMs: request.plan.afterMs ?? 0,
      delayMs: request.plan.delayMs ?? 0,
      ...(request.plan.payloadContains === undefined
        ? {}
        : { payloadContains: request.plan.payloadContains }),
    }),
  );
}

/** The function and plan of a POST body, or why the body is refused. */
function parseCrashRequest(body: string): { functionName: string; plan: CrashPlan } | string {
  let parsed: {
    functionName?: unknown;
    times?: unknown;
    afterMs?: unknown;
    delayMs?: unknown;
    payloadContains?: unknown;
  } | null;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 'The body is not valid JSON';
  }
  const { functionName, times, afterMs, delayMs, payloadContains } = parsed ?? {};
  if (typeof functionName !== 'string' || functionName === '') {
    return 'functionName (a function name or ARN) is required';
  }
  if (
    (times !== undefined && typeof times !== 'number') ||
    (afterMs !== undefined && typeof afterMs !== 'number') ||
    (delayMs !== undefined && typeof delayMs !== 'number')
  ) {
    return 'times, afterMs and delayMs must be numbers';
  }
  if (payloadContains !== undefined && (typeof payloadContains !== 'string' || payloadContains === '')) {
    return 'payloadContains must be a non-empty string';
  }
  return {
    functionName,
    plan: {
      ...(times === undefined ? {} : { times }),
      ...(afterMs === undefined ? {} : { afterMs }),
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(payloadContains === undefined ? {} : { payloadContains }),
    },
  };
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ message }));
}
