import { type OrderViewAnswer, orderViewSchema } from '../../orders/contract';
import { CORRELATION_HEADER } from '../../shared/correlation';
import { ServiceUnavailableError } from '../../shared/errors';
import { callService } from '../../shared/http/call-service';
import type { OrderViewsAsOf } from '../ports/order-views';

/**
 * The order as of an instant, from the orders service's internal API (`GET /orders/{id}?asOf=`,
 * IAM-signed by `fetchFn`): its event store's answer, so never behind the event being called back.
 */
export class InternalApiOrderViews implements OrderViewsAsOf {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch,
  ) {}

  async viewAsOf(orderId: string, asOf: string, correlationId: string): Promise<OrderViewAnswer> {
    const url = new URL(`orders/${encodeURIComponent(orderId)}`, this.baseUrl);
    url.searchParams.set('asOf', asOf);
    const response = await callService(
      this.fetchFn,
      url,
      { headers: { [CORRELATION_HEADER]: correlationId } },
      this.timeoutMs,
      (why) =>
        new ServiceUnavailableError(
          `The orders service did not answer for order ${orderId}: ${why.kind === 'status' ? `HTTP ${why.status}` : why.errorName}.`,
        ),
    );
    if (response.status !== 200)
      throw new Error(`The orders service answered HTTP ${response.status} for order ${orderId}.`);
    return orderViewSchema.parse(await response.json());
  }
}
