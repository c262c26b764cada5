import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A plain HTTP route on the local endpoint, for what AWS serves outside its JSON protocols (a user pool's
 * token endpoint and JWKS). Routes are asked before the `X-Amz-Target` dispatch.
 */
export interface EndpointRoute {
  /** Whether the request is this route's; `path` is the URL without its query. */
  matches(method: string, path: string): boolean;
  /** `body` is the request's body as UTF-8 text; `raw` its bytes (a blob a route passes on unchanged). */
  handle(req: IncomingMessage, body: string, res: ServerResponse, raw: Buffer): void | Promise<void>;
  /**
   * `true`: the route's requests stay off the trace. The console's: its polls would otherwise fill the
   * very timeline it shows (and `--trace`'s output) once a second.
   */
  readonly untraced?: boolean;
}
