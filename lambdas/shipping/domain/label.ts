import type { Trace } from '../../shared/outbox/outbox';

/**
 * A shipment's label, asked of the carrier by request/reply over queues: one request per shipment, its
 * `requestId` the correlation id the carrier returns with its reply. The request ends once, in the first of
 * a reply (`LABELLED`) or its deadline (`FAILED`, `CARRIER_TIMEOUT`); whatever comes after (a duplicate or
 * late reply, the deadline of an answered request) changes nothing.
 */
interface LabelRequest {
  readonly requestId: string;
  readonly requestedAt: string;
  /**
   * The order's business transaction and what asked for the label (the OrderConfirmed event), kept for the
   * events of the request: a reply need not carry them (a real carrier returns what its contract says, not
   * our message attributes).
   */
  readonly trace: Trace;
}

export type Label =
  | (LabelRequest & { readonly status: 'REQUESTED' })
  | (LabelRequest & {
      readonly status: 'LABELLED';
      readonly carrier: string;
      readonly trackingNumber: string;
      readonly settledAt: string;
    })
  | (LabelRequest & {
      readonly status: 'FAILED';
      readonly reason: 'CARRIER_TIMEOUT';
      readonly settledAt: string;
    });

/** What can end a request: the carrier's reply, or the deadline set when the request was sent. */
export type LabelSignal =
  | {
      readonly kind: 'reply';
      readonly requestId: string;
      readonly carrier: string;
      readonly trackingNumber: string;
    }
  | { readonly kind: 'deadline'; readonly requestId: string };

export type PendingLabel = Extract<Label, { status: 'REQUESTED' }>;
export type SettledLabel = Exclude<Label, PendingLabel>;

export type LabelDecision =
  | { readonly kind: 'settle'; readonly label: SettledLabel }
  | {
      readonly kind: 'ignore';
      /** `unknown`: no request of this shipment has this id (never sent, or a stale one). */
      readonly why: 'unknown' | 'already-labelled' | 'already-failed';
    };

/** Pure: what a reply or a deadline does to a shipment's label. Only a pending request can be settled. */
export function decide(label: Label | undefined, signal: LabelSignal, now: string): LabelDecision {
  if (label === undefined || label.requestId !== signal.requestId) return { kind: 'ignore', why: 'unknown' };
  if (label.status === 'LABELLED') return { kind: 'ignore', why: 'already-labelled' };
  if (label.status === 'FAILED') return { kind: 'ignore', why: 'already-failed' };
  const { requestId, requestedAt, trace } = label;
  const request = { requestId, requestedAt, trace };
  return signal.kind === 'reply'
    ? {
        kind: 'settle',
        label: {
          ...request,
          status: 'LABELLED',
          carrier: signal.carrier,
          trackingNumber: signal.trackingNumber,
          settledAt: now,
        },
      }
    : {
        kind: 'settle',
        label: { ...request, status: 'FAILED', reason: 'CARRIER_TIMEOUT', settledAt: now },
      };
}

/**
 * A label request's id: its order's, then a fresh part, so that a reply (which carries nothing else of
 * ours) leads to its shipment by a consistent read of one item, with no index to lag behind the request.
 */
export function labelRequestId(orderId: string, fresh: string): string {
  return `${orderId}${SEPARATOR}${fresh}`;
}

/** The order a request id names, or undefined for one that is none of ours. */
export function orderIdOfRequest(requestId: string): string | undefined {
  const at = requestId.indexOf(SEPARATOR);
  return at > 0 && at < requestId.length - 1 ? requestId.slice(0, at) : undefined;
}

const SEPARATOR = '~';
