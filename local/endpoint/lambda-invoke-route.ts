import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvokeOptions, LambdaService } from '../lambda/types';

/**
 * Lambda's Invoke API (restJson1: `POST /2015-03-31/functions/<name>/invocations`) on the local endpoint,
 * so `aws lambda invoke` and the SDK's InvokeCommand reach the local functions. `RequestResponse` answers
 * with the payload (and `X-Amz-Function-Error` when the function failed), `Event` queues an asynchronous
 * invocation (202), `DryRun` only checks the function exists (204).
 */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?.*)?$/;

export function isLambdaInvoke(req: IncomingMessage): boolean {
  return req.method === 'POST' && INVOKE_PATH.test(req.url ?? '');
}

export async function handleLambdaInvoke(
  lambda: LambdaService & { has?(nameOrArn: string): boolean },
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
): Promise<void> {
  const functionName = decodeURIComponent(INVOKE_PATH.exec(req.url ?? '')?.[1] ?? '');
  const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (lambda.has && !lambda.has(functionName)) {
    sendError(res, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
    return;
  }
  let event: unknown;
  try {
    event = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    sendError(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    return;
  }
  if (invocationType === 'DryRun') {
    res.writeHead(204).end();
    return;
  }
  // The SDK inside a traced function sends its `_X_AMZN_TRACE_ID` along (recursion detection): the
  // invoked function continues that trace.
  const traced = traceOptions(req);
  if (invocationType === 'Event') {
    await lambda.invokeAsync(functionName, event, traced);
    res.writeHead(202).end();
    return;
  }
  const result = await lambda.invoke(functionName, event, traced);
  if (!result.ok && result.functionError === 'Throttled') {
    sendError(res, 429, 'TooManyRequestsException', result.payload.errorMessage);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': '$LATEST',
    ...(result.ok ? {} : { 'X-Amz-Function-Error': result.functionError }),
  });
  res.end(JSON.stringify(result.payload ?? null));
}

function traceOptions(req: IncomingMessage): InvokeOptions {
  const header = [req.headers['x-amzn-trace-id']].flat()[0];
  return header === undefined ? {} : { traceHeader: header };
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type });
  res.end(JSON.stringify({ Type: 'User', message }));
}
