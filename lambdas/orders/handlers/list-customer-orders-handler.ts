import { InvalidRequestError } from '../../shared/errors';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { encodeCursor, malformedCursor, pageRequest } from '../../shared/http/pagination';
import type { CustomerOrdersPosition } from '../ports/order-views';
import { listCustomerOrders, type OrderQueryDeps } from '../use-cases/get-order';

const CUSTOMER_ID = /^[\x21-\x7e]{1,64}$/;

/** `GET /customers/{customerId}/orders`: the customer's orders from the read model, newest first. */
export function listCustomerOrdersHandler(deps: Pick<OrderQueryDeps, 'views'>): ProxyHandler {
  return httpHandler(async (request) => {
    const customerId = request.pathParameter('customerId') ?? '';
    if (!CUSTOMER_ID.test(customerId)) {
      throw new InvalidRequestError('customerId must be 1-64 visible ASCII characters.', [
        { path: 'customerId', message: 'invalid customer id' },
      ]);
    }
    const { limit, cursor } = pageRequest(request);
    const page = await listCustomerOrders(deps, customerId, limit, position(cursor, customerId));
    const next = page.next;
    return {
      status: 200,
      body: {
        items: page.items,
        ...(next === undefined
          ? {}
          : { nextCursor: encodeCursor({ c: customerId, t: next.createdAt, o: next.orderId }) }),
      },
    };
  });
}

/** A listing cursor names its customer and the last order returned; one for another customer is malformed. */
function position(
  cursor: Record<string, unknown> | undefined,
  customerId: string,
): CustomerOrdersPosition | undefined {
  if (cursor === undefined) return undefined;
  const { c, t, o } = cursor;
  if (
    c !== customerId ||
    typeof t !== 'string' ||
    typeof o !== 'string' ||
    Object.keys(cursor).length !== 3
  ) {
    throw malformedCursor();
  }
  return { createdAt: t, orderId: o };
}
