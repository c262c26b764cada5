import { GatewayError } from '../apigateway/gateway-error';
import type { IamAuthorization } from '../apigateway/iam-authorization';
import { IncomingApiRequest } from '../apigateway/incoming-request';
import { type Decision, refused } from './decision';
import type { EventContext, HttpApiRequest } from './http-api-events';

/**
 * An `AWS_IAM` route: SigV4 and the signer's policies, checked by the REST APIs' IAM check over the
 * request as sent (the stage in its path). The signer reaches the event as `authorizer.iam`. Unsigned is
 * `403 Forbidden`; a bad signature or a missing grant is a 403 with what the check found.
 */
export async function authorizeIam(
  iam: IamAuthorization,
  request: HttpApiRequest,
  context: EventContext,
  routeArn: string,
): Promise<Decision> {
  const incoming = new IncomingApiRequest(
    request.method,
    request.rawPath,
    request.rawQueryString,
    request.headers,
    request.body,
    request.sourceIp,
    'HTTP/1.1',
  );
  try {
    const caller = await iam.authorize(incoming, routeArn);
    return {
      allow: true,
      authorizer: {
        iam: {
          accessKey: caller.accessKey,
          accountId: context.accountId,
          callerId: caller.accessKey,
          ...(caller.arn ? { userArn: caller.arn } : {}),
          userId: caller.accessKey,
          principalOrgId: null,
          cognitoIdentity: null,
        },
      },
    };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const unsigned = error.responseType === 'MISSING_AUTHENTICATION_TOKEN';
    return refused(403, { message: unsigned ? 'Forbidden' : (error.errorMessage ?? 'Forbidden') });
  }
}
