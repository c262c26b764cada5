import { logger } from '../../shared/logger';
import { failedFrom, recordsOf } from '../../shared/streams/stream-batch';
import type { StreamHandler } from '../../shared/streams/stream-handler';
import { readOrderViewsStream } from '../adapters/order-views-stream';
import type { DeliveryDeps } from '../use-cases/deliver';
import { fanOut } from '../use-cases/fan-out';

/**
 * The OrderViews table's stream -> every connection subscribed to a changed order. What could not be
 * delivered is reported from its record on (partial batch response): the mapping retries from there,
 * bisecting, then sends it to the DLQ; what was delivered before is not posted again.
 */
export function fanOutOrderUpdatesHandler(deps: DeliveryDeps): StreamHandler {
  return async ({ Records }) => {
    const batch = readOrderViewsStream(Records);
    const result = await fanOut(
      deps,
      batch.items.map(({ item }) => item),
    );
    const failed = recordsOf(batch, result.failed);
    for (const record of batch.unreadable) {
      logger.error('unreadable stream record', { eventID: record.eventID, eventName: record.eventName });
    }
    for (const { orderId, version, error } of result.errors) {
      logger.error('order update not delivered', { orderId, version, error: error as Error });
    }
    logger.info('fanned out', { records: Records.length, sent: result.sent, failed: failed.size });
    return failedFrom(Records, failed);
  };
}
