import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * A hostile client's HTTP/1.1: the request line, header bytes and body go out exactly as given, over a
 * plain socket. fetch (undici) refuses control characters in header values, unknown methods and raw quotes
 * in paths before anything is sent; a real attacker's client does not, so the fuzz suite must not either.
 */
export interface RawRequest {
  readonly method: string;
  /** The request target as sent, unencoded: `/v1/orders/a"b?limit=x`. */
  readonly target: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
}

export interface RawResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TIMEOUT_MS = 15_000;

export function rawRequest(base: URL, request: RawRequest): Promise<RawResponse> {
  const port = Number(base.port || (base.protocol === 'https:' ? 443 : 80));
  const body = Buffer.from(request.body ?? '', 'utf8');
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    `Host: ${base.host}`,
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    ...(request.body === undefined ? [] : [`Content-Length: ${body.length}`]),
    'Connection: close',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket: Socket =
      base.protocol === 'https:'
        ? tlsConnect({ host: base.hostname, port, servername: base.hostname })
        : netConnect({ host: base.hostname, port });
    const chunks: Buffer[] = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    // A server that closes without a word (a destroyed socket) is a failure too: status 0 says so.
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks))));
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
  });
}

/** Parses one HTTP/1.1 response read to the connection's close (Content-Length or chunked). */
export function parseResponse(raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: raw.toString('utf8') };
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let payload = raw.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) payload = dechunk(payload);
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: payload.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
