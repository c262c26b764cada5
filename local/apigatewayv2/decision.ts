import type { EventContext } from './http-api-events';

/** What an authorizer decided: the request goes on with what it adds to the event, or it is refused. */
export type Decision =
  | { readonly allow: true; readonly authorizer?: EventContext['authorizer'] }
  | {
      readonly allow: false;
      readonly status: 401 | 403 | 500;
      /** The `www-authenticate` header a JWT authorizer answers a refused token with. */
      readonly wwwAuthenticate?: string;
      /** The answer's `message`, where it is not the status's usual word (an IAM signature's fault). */
      readonly message?: string;
    };

export const refused = (
  status: 401 | 403 | 500,
  details: { readonly wwwAuthenticate?: string; readonly message?: string } = {},
): Decision => ({ allow: false, status, ...details });
