import * as path from 'node:path';
import {
  buildUserPools,
  CognitoIdentityProviderService,
  LocalUserPools,
  localDomainUrl,
  UserPoolRoutes,
} from '../cognito';
import type { EndpointServer } from '../endpoint/endpoint-server';
import type { CloudContext } from './cloud-context';

/** A user pool domain as the local cloud serves it. */
export interface LocalUserPoolDomain {
  /** The domain prefix (`shop-auth` of `https://shop-auth.auth.<region>.amazoncognito.com`). */
  readonly prefix: string;
  readonly userPoolId: string;
  /** What stands in for `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly localBaseUrl: string;
  /** `<localBaseUrl>/oauth2/token`. */
  readonly tokenUrl: string;
}

/**
 * The assembly's user pools on the local endpoint: each domain's token endpoint and each pool's JWKS as
 * plain HTTP routes, the `cognito-idp` API as an AWS JSON service. The pools' signing keys live in
 * `<dataDir>/cognito/` when there is a data directory.
 */
export function startUserPools(
  context: CloudContext,
  endpointServer: EndpointServer,
): { userPools: LocalUserPools; domains: LocalUserPoolDomain[] } {
  const { pools, warnings } = buildUserPools(context.resources);
  context.warnings.push(...warnings);
  const userPools = new LocalUserPools(pools, {
    ...(context.dataDir ? { dataDir: path.join(context.dataDir, 'cognito') } : {}),
  });
  endpointServer.mount(new CognitoIdentityProviderService(userPools));
  endpointServer.addRoute(new UserPoolRoutes(userPools, () => endpointServer.url));
  const domains = pools.flatMap((pool) =>
    pool.domains.map((prefix) => {
      const localBaseUrl = localDomainUrl(endpointServer.url, prefix);
      return { prefix, userPoolId: pool.id, localBaseUrl, tokenUrl: `${localBaseUrl}/oauth2/token` };
    }),
  );
  return { userPools, domains };
}
