import type * as z from 'zod/mini';
import { CORRELATION_HEADER } from '../correlation';
import { callService } from './call-service';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** What a call carries for the trace: the request's correlation id. */
export interface Trace {
  readonly correlationId: string;
}

/** A service's answer as a caller relays it: status, body, and the headers a client needs. */
export interface RelayedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** The answer headers an app's client needs from a service's answer; the rest are the service's own. */
const RELAYED_HEADERS = ['location', 'retry-after', 'etag'];

/**
 * One service's internal API (IAM-authorized; `fetchFn` signs), for another service that calls it (the
 * apps' BFFs, the push service). Every call carries the request's correlation id, gives up after
 * `timeoutMs` (a ceiling under the function's own timeout) or when `signal` aborts, and fails with the
 * caller's own error (`failure`) in words fit for a client: no answer, a 5xx or a 429.
 */
export class InternalApiClient {
  constructor(
    private readonly service: string,
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch,
    private readonly failure: (message: string) => Error,
  ) {}

  /**
   * `GET path`: the answer read by `schema`, or undefined when the service itself said 404 (a
   * problem+json body). Any other answer is a failure: a gateway's 403 or 404 means a missing grant or a
   * wrong URL, which must show, not pass for "not found".
   */
  async read<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    trace: Trace,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const response = await this.send('GET', path, trace, { signal });
    if (response.status === 404 && isProblem(response)) return undefined;
    if (response.status !== 200) {
      throw this.failure(`The ${this.service} service answered HTTP ${response.status}.`);
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw this.failure(`The ${this.service} service answered in an unknown shape.`);
    return parsed.data;
  }

  /**
   * Sends a command and relays the service's answer, whatever it is, except unavailability and the
   * gateway's own refusals (a 403 or 404 that is not the service's problem+json: a missing grant or a
   * wrong URL, which must fail loudly rather than reach the app as if the service had said it).
   */
  async relay(
    method: string,
    path: string,
    trace: Trace,
    options: { readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> } = {},
  ): Promise<RelayedAnswer> {
    const response = await this.send(method, path, trace, options);
    if ((response.status === 403 || response.status === 404) && !isProblem(response)) {
      throw new Error(`The ${this.service} internal API refused ${method} ${path}: HTTP ${response.status}.`);
    }
    const headers: Record<string, string> = {};
    for (const name of RELAYED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : this.json(text), headers };
  }

  private json(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.failure(`The ${this.service} service answered in an unknown shape.`);
    }
  }

  private send(
    method: string,
    path: string,
    trace: Trace,
    options: {
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      readonly signal?: AbortSignal;
    },
  ): Promise<Response> {
    return callService(
      this.fetchFn,
      new URL(path.replace(/^\//, ''), this.baseUrl),
      {
        method,
        headers: {
          Accept: 'application/json',
          [CORRELATION_HEADER]: trace.correlationId,
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      this.timeoutMs,
      (why) =>
        this.failure(
          why.kind === 'status'
            ? `The ${this.service} service answered HTTP ${why.status}.`
            : `The ${this.service} service did not answer (${why.errorName}).`,
        ),
    );
  }
}

function isProblem(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith(PROBLEM_CONTENT_TYPE);
}
