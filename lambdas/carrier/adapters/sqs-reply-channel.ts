import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessage } from '../../shared/queues/send-message';
import type { LabelReply } from '../contract';
import type { ReplyChannel } from '../ports/reply-channel';

/** Replies are SQS messages on the requester's queue; IAM lets the carrier send to that one queue only. */
export class SqsReplyChannel implements ReplyChannel {
  constructor(private readonly client: SQSClient) {}

  send(replyTo: string, reply: LabelReply, delaySeconds: number, correlationId?: string): Promise<void> {
    return sendMessage(this.client, replyTo, reply, delaySeconds, correlationId);
  }
}
