import type { OrderStatus } from '../contract';
import { type CommandContext, executeOrderCommand } from './execute-command';
import type { OrderRepository } from './order-repository';

export const DEFAULT_CANCELLATION_REASON = 'cancelled at the customer request';

/**
 * Asks for a confirmed order to be cancelled (OrderCancellationRequested). The cancellation then runs by
 * choreography whatever style fulfilled the order: shipping cancels the shipment, payments refunds,
 * inventory releases the stock, and orders records OrderCancelled. Asking again answers the same. A
 * rejected order is a ConflictError; a pending one a RetryLaterConflictError (it is still being decided).
 */
export async function requestCancellation(
  orders: OrderRepository,
  orderId: string,
  reason: string,
  context: CommandContext,
): Promise<{ orderId: string; status: OrderStatus }> {
  const { order } = await executeOrderCommand(
    orders,
    orderId,
    { type: 'RequestCancellation', reason },
    context,
  );
  return { orderId, status: order.status };
}
