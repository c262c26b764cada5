import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import {
  type CallbackUrlPolicy,
  CallbackUrlRefused,
  checkCallbackUrl,
  publicAddressesOf,
  type ResolveHost,
  resolveHost,
} from '../../shared/http/callback-url-guard';
import { MAX_DELIVERY_TIMEOUT_MS, RESPONSE_BODY_LIMIT_BYTES } from '../contract';
import type { DeliveryOutcome, WebhookRequest, WebhookSender } from '../ports/webhook-sender';

/**
 * POSTs a webhook with Node's own http(s) client, which follows no redirect. Outside the `local` policy,
 * the URL is checked again now (its DNS may have changed since the order was placed) and the connection
 * goes only to an address the guard accepted: the socket's own lookup re-resolves and re-checks, so a name
 * that turns private between the check and the connect is refused too (DNS rebinding). The answer is read
 * no further than RESPONSE_BODY_LIMIT_BYTES, and the whole exchange gives up after `timeoutMs`.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly policy: CallbackUrlPolicy,
    timeoutMs: number,
    private readonly resolve: ResolveHost = resolveHost,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.timeoutMs = Math.min(timeoutMs, MAX_DELIVERY_TIMEOUT_MS);
  }

  async send(request: WebhookRequest): Promise<DeliveryOutcome> {
    const started = this.clock();
    const took = () => Math.round(this.clock() - started);
    try {
      await checkCallbackUrl(request.url, this.policy, this.resolve);
      const status = await this.post(request);
      return { status, durationMs: took() };
    } catch (error) {
      const why =
        error instanceof CallbackUrlRefused ? `refused: ${error.message}` : (error as Error).message;
      return { error: why, durationMs: took() };
    }
  }

  private post(request: WebhookRequest): Promise<number> {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          ...(this.policy === 'local' ? {} : { lookup: this.guardedLookup() }),
          agent: false,
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            // Enough of it: the status is the answer; the rest is not ours to wait for.
            if (read >= RESPONSE_BODY_LIMIT_BYTES) response.destroy();
          });
          const done = () => resolve(response.statusCode ?? 0);
          response.on('end', done);
          response.on('close', done);
          response.on('error', done);
        },
      );
      // One deadline for the whole exchange (a socket idle timeout would let a slow drip run past it).
      const deadline = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('error', (error) => reject(error));
      req.end(request.body);
    });
  }

  /** The socket's DNS lookup, limited to public addresses (Node calls it with `all` or without). */
  private guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      publicAddressesOf(hostname, this.resolve).then(
        (addresses) => {
          const all = addresses.map((address) => ({ address, family: isIP(address) }));
          if (options.all) (callback as (e: null, a: typeof all) => void)(null, all);
          else callback(null, all[0]?.address ?? '', all[0]?.family ?? 4);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
      );
    };
  }
}
