import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointRoute } from '../endpoint/endpoint-route';
import type { LocalUserPools } from './local-user-pools';
import { answerTokenRequest } from './token-endpoint';

/**
 * Where a pool's domain `https://<prefix>.auth.<region>.amazoncognito.com` is served locally: under
 * `/cognito/<prefix>` of the local endpoint, so `<that>/oauth2/token` is its token endpoint. One listener
 * serves every pool and needs no DNS; the outputs file and function environments get this URL instead of
 * the AWS one.
 */
export function localDomainUrl(endpoint: string, prefix: string): string {
  return `${endpoint}/cognito/${prefix}`;
}

const TOKEN_PATH = /^\/cognito\/([^/]+)\/oauth2\/token$/;
/** Under the issuer's path, as Cognito serves them at `https://cognito-idp.<region>.amazonaws.com`. */
const WELL_KNOWN_PATH =
  /^\/([a-z]{2}(?:-[a-z]+)+-\d_[A-Za-z0-9]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * The user pools' HTTP side on the local endpoint: each domain's `POST /oauth2/token`, and each pool's
 * `GET /<poolId>/.well-known/jwks.json` and `openid-configuration`.
 */
export class UserPoolRoutes implements EndpointRoute {
  constructor(
    private readonly userPools: LocalUserPools,
    /** The endpoint's own URL, for the local addresses in the OpenID configuration. */
    private readonly endpoint: () => string,
  ) {}

  matches(method: string, path: string): boolean {
    return TOKEN_PATH.test(path) || (method === 'GET' && WELL_KNOWN_PATH.test(path));
  }

  handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const prefix = TOKEN_PATH.exec(path)?.[1];
    if (prefix !== undefined) {
      this.token(prefix, req, body, res);
      return;
    }
    const [, poolId = '', document] = WELL_KNOWN_PATH.exec(path) ?? [];
    const pool = this.userPools.pool(poolId);
    if (!pool) {
      sendJson(res, 404, { message: `User pool ${poolId} does not exist.` });
      return;
    }
    if (document === 'jwks.json') {
      sendJson(res, 200, this.userPools.jwks(poolId) ?? { keys: [] });
      return;
    }
    const domain = pool.domains[0];
    sendJson(res, 200, {
      issuer: pool.issuer,
      jwks_uri: `${this.endpoint()}/${pool.id}/.well-known/jwks.json`,
      ...(domain ? { token_endpoint: `${localDomainUrl(this.endpoint(), domain)}/oauth2/token` } : {}),
      grant_types_supported: ['client_credentials'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  }

  private token(prefix: string, req: IncomingMessage, body: string, res: ServerResponse): void {
    const pool = this.userPools.poolOfDomain(prefix);
    if (!pool) {
      // In AWS the host would not resolve at all.
      sendJson(res, 404, { message: `No user pool has the domain ${prefix}` });
      return;
    }
    const answer = answerTokenRequest(
      pool,
      {
        method: req.method ?? 'GET',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
      },
      (client, scopes) => this.userPools.issueAccessToken(pool, client, scopes),
    );
    sendJson(res, answer.status, answer.body, {
      // As Cognito's: callable from a browser, never cached (RFC 6749 5.1).
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    });
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}
