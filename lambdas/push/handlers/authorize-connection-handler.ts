import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { CUSTOMER_ID_CLAIM } from '../../bff/contract';
import { CUSTOMER_ID } from '../../customers/contract';
import { logger } from '../../shared/logger';
import { TOKEN_QUERY_PARAMETER } from '../contract';
import type { IdTokenVerifier } from '../ports/id-token-verifier';

/** API Gateway answers 401 when a Lambda authorizer fails with exactly this message. */
const UNAUTHORIZED = 'Unauthorized';

/**
 * `$connect`'s authorizer (REQUEST, identity source `?token=`): a signed-in user's ID token from one of
 * the apps' clients lets the connection in, with the customer it acts as in the context every route of
 * the connection sees. No token or a bad one: 401. A good token of a user the shop never linked to a
 * customer: 403.
 */
export function authorizeConnectionHandler(verifier: IdTokenVerifier) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const token = event.queryStringParameters?.[TOKEN_QUERY_PARAMETER];
    if (!token) throw new Error(UNAUTHORIZED);
    let claims: Readonly<Record<string, unknown>>;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      logger.info('token refused', { reason: (error as Error).name });
      throw new Error(UNAUTHORIZED);
    }
    const principalId = String(claims.sub);
    const customerId = claims[CUSTOMER_ID_CLAIM];
    if (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)) {
      logger.info('user linked to no customer', { principalId });
      return policy(principalId, 'Deny', event.methodArn);
    }
    return { ...policy(principalId, 'Allow', event.methodArn), context: { customerId } };
  };
}

function policy(
  principalId: string,
  effect: 'Allow' | 'Deny',
  methodArn: string,
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }],
    },
  };
}
