import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { labelReplySchema } from '../../carrier/contract';
import { ORDERS_EVENTS, type OrderEventData } from '../../orders/contract';
import {
  type EventConsumerOptions,
  eventConsumer,
  type Reaction,
} from '../../shared/choreography/event-consumer';
import { messageConsumer } from '../../shared/queues/message-consumer';
import { LABELS_FAILED_METRIC } from '../contract';
import { labelDeadlineSchema } from '../schemas/label-deadline';
import { type LabelRequestDeps, requestLabel } from '../use-cases/request-label';
import { type SettleLabelDeps, settleLabel } from '../use-cases/settle-label';

/** The producers whose events the label requester reads. */
export const LABELS_CONSUME = [ORDERS_EVENTS];

/**
 * OrderConfirmed (whichever saga style confirmed it: the order's shipment is booked by then) -> the
 * shipment's label asked of the carrier. Idempotent by event id, and by order in the use case.
 */
export function labelReactions(deps: LabelRequestDeps): Record<string, Reaction> {
  return {
    OrderConfirmed: async (event) => {
      const { orderId } = event.data as Extract<OrderEventData, { type: 'OrderConfirmed' }>['data'];
      // A v1 confirmation (written before v2 named its order) cannot be traced to a shipment.
      if (orderId === undefined) return 'ignored: no order id (OrderConfirmed v1)';
      return requestLabel(deps, orderId, {
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.eventId,
      });
    },
  };
}

export function labelRequester(deps: LabelRequestDeps, idempotency: EventConsumerOptions['idempotency']) {
  return eventConsumer({ producers: LABELS_CONSUME, reactions: labelReactions(deps), idempotency });
}

/** The carrier's replies, matched to their requests by correlation id. */
export function labelReplies(deps: SettleLabelDeps) {
  return messageConsumer('label reply', labelReplySchema, ({ correlationId, carrier, trackingNumber }) =>
    settleLabel(deps, { kind: 'reply', requestId: correlationId, carrier, trackingNumber }),
  );
}

/**
 * Each request's deadline, come back after the stage's label deadline. A request it finds still pending is
 * asked again under a new id while attempts are left; after the last, recorded failed and counted
 * (`LABELS_FAILED_METRIC`), so a carrier that stopped answering raises an alarm rather than only a line per
 * order.
 */
export function labelDeadlines(deps: SettleLabelDeps & { readonly metrics: Metrics }) {
  return messageConsumer('label deadline', labelDeadlineSchema, async ({ requestId }) => {
    const outcome = await settleLabel(deps, { kind: 'deadline', requestId });
    if (outcome === 'FAILED') {
      deps.metrics.addMetric(LABELS_FAILED_METRIC, MetricUnit.Count, 1);
      deps.metrics.publishStoredMetrics();
    }
    return outcome;
  });
}
