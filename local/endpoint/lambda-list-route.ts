import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointRoute } from './endpoint-route';

/** What ListFunctions tells of a function (a subset of Lambda's FunctionConfiguration). */
export interface ListedFunction {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly memorySizeMb: number;
  readonly timeoutSeconds: number;
}

/** A page of ListFunctions: Lambda's default and largest page is 50. */
const MAX_ITEMS = 50;

/**
 * Lambda's ListFunctions (restJson1: `GET /2015-03-31/functions/`), so `aws lambda list-functions` and the
 * SDK's ListFunctionsCommand find the local functions by name and description, with `MaxItems` and
 * `Marker` paging as Lambda pages.
 */
export class LambdaListRoute implements EndpointRoute {
  constructor(private readonly functions: readonly ListedFunction[]) {}

  matches(method: string, path: string): boolean {
    return method === 'GET' && (path === '/2015-03-31/functions/' || path === '/2015-03-31/functions');
  }

  handle(req: IncomingMessage, _body: string, res: ServerResponse): void {
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    const maxItems = Math.min(Number(query.get('MaxItems') ?? MAX_ITEMS) || MAX_ITEMS, MAX_ITEMS);
    const start = Number(query.get('Marker') ?? 0);
    if (!Number.isInteger(start) || start < 0 || start > this.functions.length) {
      res.writeHead(400, {
        'Content-Type': 'application/json',
        'X-Amzn-ErrorType': 'InvalidParameterValueException',
      });
      res.end(JSON.stringify({ Type: 'User', message: 'Invalid marker' }));
      return;
    }
    const page = this.functions.slice(start, start + maxItems);
    const next = start + maxItems < this.functions.length ? String(start + maxItems) : undefined;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        Functions: page.map((fn) => ({
          FunctionName: fn.name,
          FunctionArn: fn.arn,
          Description: fn.description ?? '',
          MemorySize: fn.memorySizeMb,
          Timeout: fn.timeoutSeconds,
          PackageType: 'Zip',
        })),
        ...(next ? { NextMarker: next } : {}),
      }),
    );
  }
}
