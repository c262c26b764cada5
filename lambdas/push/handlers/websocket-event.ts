import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

/**
 * A WebSocket API's event to a route's function. Every route of a connection carries the `context` its
 * `$connect` authorizer returned (`requestContext.authorizer`), which the type in @types/aws-lambda omits.
 */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  readonly requestContext: { readonly authorizer?: Readonly<Record<string, unknown>> };
};

/** What a route's function answers; on `$connect`, anything but 200 refuses the connection. */
export interface WebSocketResult {
  readonly statusCode: number;
}

/** The `@connections` endpoint of the API stage the event came through. */
export function managementEndpointOf({ requestContext }: WebSocketEvent): string {
  return `https://${requestContext.domainName}/${requestContext.stage}`;
}
