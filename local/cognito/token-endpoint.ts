import type { AppClientModel, UserPoolModel } from './user-pool-model';

/** A request to a pool domain's `/oauth2/token`, as the HTTP adapter read it. */
export interface TokenRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** What the token endpoint answers: a status and a JSON body. */
export interface OAuthAnswer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

/**
 * Cognito's token endpoint documents every error as `400 Bad Request` with `{"error": "<code>"}`,
 * invalid_client included (RFC 6749 allows 401 there; Cognito's guide shows 400).
 */
const refuse = (error: OAuthError): OAuthAnswer => ({ status: 400, body: { error } });

const GRANT_TYPES = new Set(['authorization_code', 'refresh_token', 'client_credentials']);

/**
 * `POST /oauth2/token` of one pool's domain, for the client-credentials grant, following Cognito's token
 * endpoint guide: a form body; the client authenticated by HTTP Basic (`client_secret_basic`) or by
 * `client_id` and `client_secret` fields (`client_secret_post`); `scope` optional, space-separated, scopes
 * the client is not allowed are ignored (as the guide says) and all of its scopes are granted when absent.
 * There is no hosted UI to issue an authorization code, and users' refresh tokens are redeemed by
 * `InitiateAuth`: those grants, from an authenticated client allowed them, get `invalid_grant` as an
 * unknown code would.
 */
export function answerTokenRequest(
  pool: UserPoolModel,
  request: TokenRequest,
  issue: (client: AppClientModel, scopes: readonly string[]) => { accessToken: string; expiresIn: number },
): OAuthAnswer {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (request.method !== 'POST' || mediaType !== 'application/x-www-form-urlencoded') {
    return refuse('invalid_request');
  }
  const form = new URLSearchParams(request.body);
  const grantType = form.get('grant_type');
  if (!grantType) return refuse('invalid_request');
  if (!GRANT_TYPES.has(grantType)) return refuse('unsupported_grant_type');

  const credentials = clientCredentials(request.authorization, form);
  if (credentials === 'malformed') return refuse('invalid_request');
  const client = credentials ? pool.clients.get(credentials.clientId) : undefined;
  if (!credentials || !client || client.secret !== credentials.clientSecret) return refuse('invalid_client');

  const flow = grantType === 'authorization_code' ? 'code' : grantType;
  if (!client.oauthEnabled || (flow !== 'refresh_token' && !client.allowedOAuthFlows.includes(flow)))
    return refuse('unauthorized_client');
  if (grantType !== 'client_credentials') return refuse('invalid_grant');
  // A client without a secret cannot be given the client-credentials flow in Cognito; one the template
  // gives it anyway is refused as unauthorized for it.
  if (client.secret === undefined) return refuse('unauthorized_client');

  const requested = form.get('scope');
  const scopes =
    requested === null
      ? client.allowedOAuthScopes
      : [...new Set(requested.split(/\s+/))].filter((scope) => client.allowedOAuthScopes.includes(scope));
  if (scopes.length === 0) return refuse('invalid_scope');

  const { accessToken, expiresIn } = issue(client, scopes);
  return { status: 200, body: { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' } };
}

/**
 * The client id and secret from `Authorization: Basic` or the form. Both may name the client (the guide's
 * own example does), but two different ids, or two secrets, are more than one way of authenticating.
 */
function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): { clientId: string; clientSecret: string | undefined } | undefined | 'malformed' {
  const formId = form.get('client_id') ?? undefined;
  const formSecret = form.get('client_secret') ?? undefined;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!basic) return formId ? { clientId: formId, clientSecret: formSecret } : undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  const clientId = decoded.slice(0, colon);
  const clientSecret = decoded.slice(colon + 1);
  if ((formId !== undefined && formId !== clientId) || formSecret !== undefined) return 'malformed';
  return { clientId, clientSecret };
}
