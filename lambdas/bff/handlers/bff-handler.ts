import { CUSTOMER_ID } from '../../customers/contract';
import { cancelOrderRequestSchema, ORDER_ID } from '../../orders/contract';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import {
  type HttpRequest,
  type HttpResponse,
  httpHandler,
  type ProxyHandler,
} from '../../shared/http/http-handler';
import { idempotencyKeyOf } from '../../shared/http/idempotency-key';
import { parseJsonBody } from '../../shared/http/json-body';
import { pathIdOrNotFound } from '../../shared/http/path-id';
import { PROBLEM_CONTENT_TYPE } from '../../shared/http/problem';
import { type App, BFF_ROUTES, CUSTOMER_ID_CLAIM, myOrderRequestSchema } from '../contract';
import type { RelayedAnswer } from '../ports/shop-backends';
import {
  type Caller,
  cancelMyOrder,
  getMyOrder,
  listMyOrders,
  type MyOrdersDeps,
  placeMyOrder,
} from '../use-cases/my-orders';

const { listMyOrders: LIST, getMyOrder: GET, placeMyOrder: PLACE, cancelMyOrder: CANCEL } = BFF_ROUTES;
const route = (r: { readonly method: string; readonly path: string }) => `${r.method} ${r.path}`;

/**
 * One app's backend: every `/me/...` route of its REST API, each a thin step from the request to one use
 * case of the shared core and back. The customer is the signed-in user's (`custom:customerId` of the ID
 * token the gateway's Cognito authorizer verified); a request never names it.
 */
export function bffHandler(deps: MyOrdersDeps, app: App): ProxyHandler {
  const now = deps.now ?? Date.now;
  return httpHandler(async (request) => {
    const startedAt = now();
    const caller: Caller = {
      customerId: customerOf(request),
      correlationId: request.correlationId,
      startedAt,
    };
    const orderId = () =>
      pathIdOrNotFound(request.pathParameter('orderId'), ORDER_ID, (id) => `Order ${id} does not exist.`);
    switch (`${request.method} ${request.resource}`) {
      case route(GET):
        return { status: 200, body: await getMyOrder(deps, app, caller, orderId()) };
      case route(LIST): {
        const limit = request.queryParameter('limit');
        const cursor = request.queryParameter('cursor');
        const page = {
          ...(limit === undefined ? {} : { limit }),
          ...(cursor === undefined ? {} : { cursor }),
        };
        return relayed(request, await listMyOrders(deps, app, caller, page));
      }
      case route(PLACE): {
        const key = idempotencyKeyOf(request, 'order');
        const order = parseJsonBody(request.body, request.isBase64Encoded, myOrderRequestSchema);
        return relayed(request, await placeMyOrder(deps, caller, order, key));
      }
      case route(CANCEL): {
        const id = orderId();
        const body =
          request.body === null || request.body === ''
            ? {}
            : parseJsonBody(request.body, request.isBase64Encoded, cancelOrderRequestSchema);
        return relayed(request, await cancelMyOrder(deps, caller, id, body));
      }
      default:
        throw new NotFoundError(`No route ${request.method} ${request.path}.`);
    }
  });
}

/** The signed-in user's customer; a user the shop never linked to one can do nothing here. */
function customerOf(request: HttpRequest): string {
  const customerId = request.claim(CUSTOMER_ID_CLAIM);
  if (customerId === undefined || !CUSTOMER_ID.test(customerId)) {
    throw new ForbiddenError('Your sign-in is not linked to a customer of the shop.');
  }
  return customerId;
}

/**
 * The orders service's answer as the app's: its status and body, its Location under `/me`, and a
 * problem's `instance` the app's own path, so nothing points at an API the app cannot call.
 */
function relayed(request: HttpRequest, answer: RelayedAnswer): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    headers[name] = name === 'location' ? value.replace(/^\/orders\//, '/me/orders/') : value;
  }
  const isProblem = answer.status >= 400;
  const body =
    isProblem && typeof answer.body === 'object' && answer.body !== null
      ? { ...answer.body, instance: request.path }
      : answer.body;
  return {
    status: answer.status,
    body,
    headers,
    ...(isProblem ? { contentType: PROBLEM_CONTENT_TYPE } : {}),
  };
}
