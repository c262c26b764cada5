import { NotFoundError, ServiceUnavailableError, UnauthenticatedError } from '../../shared/errors';
import { bearerToken, sameSecret } from '../../shared/http/bearer-token';
import {
  type HttpRequest,
  type HttpResponse,
  httpHandler,
  type ProxyHandler,
} from '../../shared/http/http-handler';
import { idempotencyKeyOf } from '../../shared/http/idempotency-key';
import { parseJsonBody } from '../../shared/http/json-body';
import { behaviourSchema, chargeRequestSchema, refundRequestSchema } from '../contract';
import {
  behave,
  charge,
  getCharge,
  InjectedOutage,
  type ProviderDeps,
  refundByKey,
} from '../use-cases/provider-api';

const CHARGE_ID = /^ch_[0-9a-f]{24}$/;

export interface ProviderHandlerDeps extends ProviderDeps {
  readonly adminEnabled: boolean;
  /** The API key the provider issued to its one customer, the shop. */
  readonly apiKey: () => Promise<string>;
}

/**
 * The stub provider's whole HTTP API, one function as a small third party would run it. Every route asks
 * for the issued API key (`Authorization: Bearer <key>`; otherwise 401), as a real provider would:
 * - `POST /charges` (`Idempotency-Key`): 201 with the charge; a declined card is 402 with the charge, and
 *   so is a key already voided by a refund (`status: voided`): no money is taken either way;
 * - `POST /refunds` `{ chargeKey }`: 200 with the key's charge as settled (refunded, or voided when no
 *   charge was made with the key), idempotent;
 * - `GET /charges/{chargeId}`: the charge, for checking what was captured and refunded;
 * - `PUT /admin/behaviour` (non-production stages): `{ latencyMs, failureRate }`.
 * Every call but the admin one first pays the configured latency and may fail with 503.
 */
export function providerHandler(deps: ProviderHandlerDeps): ProxyHandler {
  return httpHandler(async (request) => {
    const presented = bearerToken(request.header('Authorization'));
    if (presented === undefined || !sameSecret(presented, await deps.apiKey())) {
      throw new UnauthenticatedError(
        'This API needs the API key issued to you: Authorization: Bearer <key>.',
      );
    }
    const route = `${request.method} ${request.resource}`;
    if (route === 'PUT /admin/behaviour' && deps.adminEnabled) {
      const behaviour = parseJsonBody(request.body, request.isBase64Encoded, behaviourSchema);
      await deps.ledger.setBehaviour(behaviour);
      return { status: 200, body: behaviour };
    }
    try {
      await behave(deps);
    } catch (error) {
      if (error instanceof InjectedOutage) throw new ServiceUnavailableError(error.message);
      throw error;
    }
    return serve(deps, route, request);
  });
}

async function serve(deps: ProviderDeps, route: string, request: HttpRequest): Promise<HttpResponse> {
  switch (route) {
    case 'POST /charges': {
      const key = idempotencyKeyOf(request, 'charge');
      const charged = await charge(
        deps,
        key,
        parseJsonBody(request.body, request.isBase64Encoded, chargeRequestSchema),
      );
      return { status: charged.status === 'captured' ? 201 : 402, body: charged };
    }
    case 'POST /refunds': {
      const { chargeKey } = parseJsonBody(request.body, request.isBase64Encoded, refundRequestSchema);
      return { status: 200, body: await refundByKey(deps, chargeKey) };
    }
    case 'GET /charges/{chargeId}':
      return { status: 200, body: await getCharge(deps, chargeIdOf(request)) };
    default:
      throw new NotFoundError(`No route ${route}.`);
  }
}

function chargeIdOf(request: HttpRequest): string {
  const chargeId = request.pathParameter('chargeId') ?? '';
  if (!CHARGE_ID.test(chargeId)) throw new NotFoundError(`No charge ${chargeId}.`);
  return chargeId;
}
