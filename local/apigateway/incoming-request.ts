import type { IncomingMessage } from 'node:http';
import type { RequestValues } from './gateway-responses';

/** API Gateway's payload limit for REST APIs. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export class PayloadTooLargeError extends Error {}

/**
 * An HTTP request as API Gateway sees it: header names in the case the client sent, repeated headers and
 * query parameters kept in order, the body as bytes.
 */
export class IncomingApiRequest implements RequestValues {
  pathParameters: Readonly<Record<string, string>> = {};

  constructor(
    readonly httpMethod: string,
    /** The raw URL path, stage included, still percent-encoded (`/v1/orders/a%2Bb`). */
    readonly rawPath: string,
    readonly rawQuery: string,
    readonly headerList: ReadonlyArray<readonly [string, string]>,
    readonly body: Buffer,
    readonly sourceIp: string,
    readonly protocol: string,
  ) {}

  /** The first path segment: the stage name. */
  get stageName(): string {
    return this.rawPath.split('/').find((segment) => segment !== '') ?? '';
  }

  /** The path after the stage (`/orders/1`, `/` for the stage root); a trailing slash is kept, as in AWS. */
  get pathWithoutStage(): string {
    const stage = this.stageName;
    const start = this.rawPath.indexOf(stage) + stage.length;
    const rest = this.rawPath.slice(start);
    return rest === '' ? '/' : rest;
  }

  header(name: string): string | undefined {
    return this.headerValues(name).at(-1);
  }

  headerValues(name: string): string[] {
    const lower = name.toLowerCase();
    return this.headerList.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }

  /** Query parameters decoded (`+` as space, percent escapes) as API Gateway passes them, in order. */
  get queryList(): Array<[string, string]> {
    return [...new URLSearchParams(this.rawQuery)];
  }

  queryParameter(name: string): string | undefined {
    return this.queryList.filter(([key]) => key === name).at(-1)?.[1];
  }

  pathParameter(name: string): string | undefined {
    return this.pathParameters[name];
  }

  /** The media type of the body, lower-cased, without parameters (`application/json`). */
  get mediaType(): string | undefined {
    const value = this.header('content-type');
    return value?.split(';')[0]?.trim().toLowerCase() || undefined;
  }
}

/** The address a client connected from, as API Gateway reports it. */
export function clientAddress(message: IncomingMessage): string {
  return message.socket ? sourceIpOf(message.socket) : '127.0.0.1';
}

/** `::ffff:127.0.0.1` -> `127.0.0.1`; also for a socket whose request Node could not parse. */
export function sourceIpOf(socket: { readonly remoteAddress?: string | undefined }): string {
  const address = socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** Reads a whole request; rejects with PayloadTooLargeError past API Gateway's 10 MB limit. */
export async function readRequest(message: IncomingMessage, sourceIp: string): Promise<IncomingApiRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError('Request Too Long');
    chunks.push(buffer);
  }
  const url = message.url ?? '/';
  const queryAt = url.indexOf('?');
  const headerList: Array<[string, string]> = [];
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    headerList.push([message.rawHeaders[i] as string, message.rawHeaders[i + 1] as string]);
  }
  return new IncomingApiRequest(
    (message.method ?? 'GET').toUpperCase(),
    queryAt < 0 ? url : url.slice(0, queryAt),
    queryAt < 0 ? '' : url.slice(queryAt + 1),
    headerList,
    Buffer.concat(chunks),
    sourceIp,
    `HTTP/${message.httpVersion}`,
  );
}
