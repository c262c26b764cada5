import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { sdkClientOptions } from '../../shared/aws/clients';
import type { PushMessage } from '../contract';
import type { Messenger, SendOutcome } from '../ports/messenger';

/**
 * Messages posted through a WebSocket API stage's `@connections` API
 * (`https://<id>.execute-api.<region>.amazonaws.com/<stage>`). A connection that closed, or never was,
 * is GoneException (410): `gone`, for the caller to forget it. Anything else is an error.
 */
export class ApiGatewayMessenger implements Messenger {
  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async send(connectionId: string, message: PushMessage): Promise<SendOutcome> {
    try {
      await this.client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof GoneException) return 'gone';
      throw error;
    }
  }
}

const clients = new Map<string, ApiGatewayMessenger>();

/** One messenger per endpoint, kept for the function's life (a request names its API's endpoint). */
export function messengerFor(endpoint: string): ApiGatewayMessenger {
  let messenger = clients.get(endpoint);
  if (messenger === undefined) {
    messenger = new ApiGatewayMessenger(
      new ApiGatewayManagementApiClient({ ...sdkClientOptions(), endpoint }),
    );
    clients.set(endpoint, messenger);
  }
  return messenger;
}
