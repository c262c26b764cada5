import { InvalidRequestError } from '../../shared/errors';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { encodeCursor, pageRequest } from '../../shared/http/pagination';
import { customerOrdersCursorSchema } from '../schemas/page-cursors';
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
    const { limit, cursor } = pageRequest(request, customerOrdersCursorSchema(customerId));
    const after = cursor === undefined ? undefined : { createdAt: cursor.t, orderId: cursor.o };
    const page = await listCustomerOrders(deps, customerId, limit, after);
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
