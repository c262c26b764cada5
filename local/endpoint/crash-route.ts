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
  let plan: { functionName?: unknown; times?: unknown; afterMs?: unknown };
  try {
    plan = JSON.parse(body) as typeof plan;
  } catch {
    return refuse(res, 400, 'The body is not valid JSON');
  }
  const { functionName, times, afterMs } = plan ?? {};
  if (typeof functionName !== 'string' || functionName === '') {
    return refuse(res, 400, 'functionName (a function name or ARN) is required');
  }
  if (
    (times !== undefined && typeof times !== 'number') ||
    (afterMs !== undefined && typeof afterMs !== 'number')
  ) {
    return refuse(res, 400, 'times and afterMs must be numbers');
  }
  try {
    functions.injectCrashes(functionName, {
      ...(times === undefined ? {} : { times }),
      ...(afterMs === undefined ? {} : { afterMs }),
    });
  } catch (error) {
    const notFound = error instanceof Error && error.name === 'ResourceNotFoundException';
    return refuse(res, notFound ? 404 : 400, error instanceof Error ? error.message : String(error));
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ functionName, times: times ?? 1, afterMs: afterMs ?? 0 }));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ message }));
}
