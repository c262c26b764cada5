import type { Trace } from '../../shared/outbox/outbox';

/**
 * A shipment's label, asked of the carrier by request/reply over queues: one pending request per shipment
 * at a time, its `requestId` the correlation id the carrier returns with its reply. A request unanswered at
 * its deadline is superseded by a new one (a new id, so that a late reply to the old one is told apart), up
 * to the stage's number of attempts. The label ends once, in the first of a reply to the pending request
 * (`LABELLED`) or the last attempt's deadline (`FAILED`, `CARRIER_TIMEOUT`); whatever comes after (a
 * duplicate or late reply, the deadline of an answered or superseded request) changes nothing.
 */
interface LabelRequest {
  readonly requestId: string;
  readonly requestedAt: string;
  /**
   * The ids of the requests this one superseded, oldest first (absent on a first attempt, and on requests
   * recorded before labels were asked again): their late replies are told from strangers', and the
   * deadline of the last one, delivered again, sends the pending request again (see `decide`).
   */
  readonly earlierRequestIds?: readonly string[];
  /**
   * The order's business transaction and what asked for this request (the OrderConfirmed event for a first
   * attempt, the superseded request for a later one), kept for the events of the request: a reply need not
   * carry them (a real carrier returns what its contract says, not our message attributes).
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
  /** The pending request's deadline passed with attempts left: `label` supersedes it. */
  | { readonly kind: 'ask-again'; readonly label: PendingLabel }
  /**
   * The deadline of the request the pending one superseded, delivered again: perhaps after a crash between
   * recording the new request and sending it, so the pending request is sent again (with its deadline), as
   * the requester sends it again on a repeat. Nothing is written.
   */
  | { readonly kind: 'send-again'; readonly label: PendingLabel }
  | {
      readonly kind: 'ignore';
      /**
       * `unknown`: no request of this shipment has this id (never sent, or not ours); `superseded`: an
       * earlier request of the pending one.
       */
      readonly why: 'unknown' | 'superseded' | 'already-labelled' | 'already-failed';
    };

/**
 * Whether a deadline may ask again: `attempts`, the stage's number of requests per label (the first
 * included); `nextRequestId`, the id the next request would have (`labelRequestId`). Absent, a deadline
 * fails the request (a cancelled shipment is not asked for again).
 */
export interface AskAgain {
  readonly attempts: number;
  readonly nextRequestId: string;
}

/** Which request of its label this is: 1 for the first. */
export function attemptOf(label: Label): number {
  return (label.earlierRequestIds?.length ?? 0) + 1;
}

/**
 * Pure: what a reply or a deadline does to a shipment's label. Only a pending request can be settled or
 * superseded, and only by a signal of its own id.
 */
export function decide(
  label: Label | undefined,
  signal: LabelSignal,
  now: string,
  askAgain?: AskAgain,
): LabelDecision {
  const earlier = label?.earlierRequestIds ?? [];
  if (label === undefined || (label.requestId !== signal.requestId && !earlier.includes(signal.requestId))) {
    return { kind: 'ignore', why: 'unknown' };
  }
  if (label.status === 'LABELLED') return { kind: 'ignore', why: 'already-labelled' };
  if (label.status === 'FAILED') return { kind: 'ignore', why: 'already-failed' };
  if (label.requestId !== signal.requestId) {
    const lastSuperseded = signal.kind === 'deadline' && earlier.at(-1) === signal.requestId;
    return lastSuperseded ? { kind: 'send-again', label } : { kind: 'ignore', why: 'superseded' };
  }
  if (signal.kind === 'deadline' && askAgain !== undefined && attemptOf(label) < askAgain.attempts) {
    return {
      kind: 'ask-again',
      label: {
        status: 'REQUESTED',
        requestId: askAgain.nextRequestId,
        requestedAt: now,
        earlierRequestIds: [...earlier, label.requestId],
        // Same transaction; caused by the request it supersedes.
        trace: { correlationId: label.trace.correlationId, causationId: label.requestId },
      },
    };
  }
  return signal.kind === 'reply'
    ? {
        kind: 'settle',
        label: {
          ...label,
          status: 'LABELLED',
          carrier: signal.carrier,
          trackingNumber: signal.trackingNumber,
          settledAt: now,
        },
      }
    : {
        kind: 'settle',
        label: { ...label, status: 'FAILED', reason: 'CARRIER_TIMEOUT', settledAt: now },
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
