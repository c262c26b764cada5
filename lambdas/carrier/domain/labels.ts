import { createHash } from 'node:crypto';
import {
  CARRIER_TEST_RECIPIENTS,
  type CarrierBehaviour,
  type LabelReply,
  type LabelRequest,
  STUB_CARRIER_NAME,
} from '../contract';

/**
 * The stub carrier's label desk: a stand-in for a parcel carrier's asynchronous label API. A label's
 * tracking number follows from the request's correlation id, so a request delivered twice is one label
 * (as a carrier keyed on the shipper's reference makes it), answered the same each time.
 */
export function trackingNumberFor(correlationId: string): string {
  return `SP${createHash('sha256').update(correlationId).digest('hex').slice(0, 16).toUpperCase()}`;
}

export function behaviourFor(request: LabelRequest): CarrierBehaviour {
  const match = Object.entries(CARRIER_TEST_RECIPIENTS).find(([, name]) => name === request.recipient.name);
  return match === undefined ? 'prompt' : (match[0] as CarrierBehaviour);
}

export interface PlannedReply {
  readonly reply: LabelReply;
  /** How long SQS holds the reply before it can be received (0 to 900). */
  readonly delaySeconds: number;
}

/**
 * The replies a request gets: one, none (silent; silent-once to a first request, silent-twice to the first
 * two), two (duplicating), or one late (slow).
 */
export function repliesTo(request: LabelRequest, slowReplyDelaySeconds: number): PlannedReply[] {
  const reply: LabelReply = {
    correlationId: request.correlationId,
    carrier: STUB_CARRIER_NAME,
    trackingNumber: trackingNumberFor(request.correlationId),
  };
  switch (behaviourFor(request)) {
    case 'silent':
      return [];
    case 'silentOnce':
      return (request.attempt ?? 1) < 2 ? [] : [{ reply, delaySeconds: 0 }];
    case 'silentTwice':
      return (request.attempt ?? 1) < 3 ? [] : [{ reply, delaySeconds: 0 }];
    case 'slow':
      return [{ reply, delaySeconds: slowReplyDelaySeconds }];
    case 'duplicating':
      return [
        { reply, delaySeconds: 0 },
        { reply, delaySeconds: 0 },
      ];
    case 'prompt':
      return [{ reply, delaySeconds: 0 }];
  }
}
