import type { LabelReply } from '../contract';

export interface ReplyChannel {
  /** Sends a reply to the queue at `replyTo`, held `delaySeconds`, carrying the transaction's correlation id. */
  send(replyTo: string, reply: LabelReply, delaySeconds: number, correlationId?: string): Promise<void>;
}
