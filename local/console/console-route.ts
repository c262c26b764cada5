import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { EndpointRoute } from '../endpoint/endpoint-route';
import type { ConsoleApi } from './console-api';
import type { TraceStreams } from './trace-stream';

export const CONSOLE_PATH = '/_console/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The page's files: its own (page/) and the two libraries it imports, served as ES modules straight
 * from node_modules (the page's import map names them), so there is no build step.
 */
const PAGE_DIR = path.join(__dirname, 'page');
function pageFiles(): Record<string, string> {
  return {
    '': path.join(PAGE_DIR, 'index.html'),
    ...Object.fromEntries(readdirSync(PAGE_DIR).map((name) => [name, path.join(PAGE_DIR, name)])),
    'vendor/preact.mjs': esModuleBeside('preact', 'preact.mjs'),
    'vendor/preact-hooks.mjs': esModuleBeside('preact/hooks', 'hooks.mjs'),
    'vendor/htm.mjs': esModuleBeside('htm', 'htm.mjs'),
  };
}

/** The ES module build next to the file `require` resolves (the packages export no package.json). */
function esModuleBeside(specifier: string, file: string): string {
  return path.join(path.dirname(require.resolve(specifier)), file);
}

/** The console on the local AWS endpoint: its page under `/_console/`, its JSON under `/_console/api/`. */
export class ConsoleRoute implements EndpointRoute {
  private readonly files = pageFiles();
  readonly untraced = true;

  constructor(
    private readonly api: ConsoleApi,
    /** The timeline as server-sent events (`api/trace/stream`); absent, the page polls `api/trace`. */
    private readonly streams?: TraceStreams,
  ) {}

  matches(_method: string, urlPath: string): boolean {
    return urlPath === '/_console' || urlPath.startsWith(CONSOLE_PATH);
  }

  async handle(req: IncomingMessage, _body: string, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console');
    if (url.pathname === '/_console') return redirect(res, CONSOLE_PATH);
    const rest = url.pathname.slice(CONSOLE_PATH.length);
    if (rest === 'api/trace/stream' && this.streams && req.method === 'GET') {
      this.streams.serve(req, res, Number(url.searchParams.get('after') ?? 0));
      return;
    }
    if (rest.startsWith('api/')) {
      const answer = await this.api.answer(req.method ?? 'GET', rest.slice(4), url.searchParams);
      res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(answer.body));
      return;
    }
    const file = this.files[rest];
    if (!file || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file) || '.html'] ?? 'text/plain' });
    res.end(readFileSync(file));
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location });
  res.end();
}
