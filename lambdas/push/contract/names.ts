/** The WebSocket API's routes: the route selection expression picks a message's route by its `action`. */
export const ROUTE_SELECTION_EXPRESSION = '$request.body.action';
export const PUSH_ROUTES = {
  connect: '$connect',
  disconnect: '$disconnect',
  subscribe: 'subscribe',
  /** Any message whose `action` names no route (or that is no JSON object at all). */
  fallback: '$default',
} as const;

/** Browsers cannot set headers on a WebSocket handshake: the ID token comes as `?token=`. */
export const TOKEN_QUERY_PARAMETER = 'token';

/** The stage of the WebSocket API (`wss://<id>.execute-api.<region>.amazonaws.com/<stage>`). */
export const PUSH_API_STAGE = 'v1';

/**
 * How long a sender holds a subscription while it posts one version to it (the lease that keeps two
 * senders from overtaking each other). Longer than any function that takes it may run, so an expired
 * lease means its holder is dead and can post nothing any more; lib/ checks the functions' timeout.
 */
export const DELIVERY_LEASE_MS = 30_000;

/** The environment the push functions read, set by lib/. */
export const PUSH_ENV = {
  connectionsTable: 'CONNECTIONS_TABLE_NAME',
  ordersApiUrl: 'ORDERS_API_URL',
  ordersApiTimeoutMs: 'ORDERS_API_TIMEOUT_MS',
  /** The `@connections` endpoint of the API's stage, for the stream fan-out (no request to read it from). */
  managementApiUrl: 'MANAGEMENT_API_URL',
  userPoolId: 'USER_POOL_ID',
  /** The app clients whose ID tokens may connect, comma-separated. */
  userPoolClientIds: 'USER_POOL_CLIENT_IDS',
} as const;
