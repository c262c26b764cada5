import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LabelRequest } from '../../carrier/contract';
import { sendMessage } from '../../shared/queues/send-message';
import type { CarrierChannel } from '../ports/carrier-channel';
import type { LabelDeadline } from '../schemas/label-deadline';

/**
 * The carrier's request queue and shipping's own deadline queue: IAM lets shipping send to these two only.
 * A deadline is a message SQS holds back for the deadline's length (DelaySeconds).
 */
export class SqsCarrierChannel implements CarrierChannel {
  constructor(
    private readonly client: SQSClient,
    private readonly queues: { readonly carrierRequests: string; readonly deadlines: string },
  ) {}

  requestLabel(request: LabelRequest, correlationId: string): Promise<void> {
    return sendMessage(this.client, this.queues.carrierRequests, request, 0, correlationId);
  }

  setDeadline(deadline: LabelDeadline, delaySeconds: number, correlationId: string): Promise<void> {
    return sendMessage(this.client, this.queues.deadlines, deadline, delaySeconds, correlationId);
  }
}
