import type { PushMessage } from '../contract';

/** Whether a message reached the connection, or the connection is gone (closed, or never was). */
export type SendOutcome = 'sent' | 'gone';

/** Posts messages to connections of the WebSocket API (its `@connections` API). */
export interface Messenger {
  send(connectionId: string, message: PushMessage): Promise<SendOutcome>;
}
