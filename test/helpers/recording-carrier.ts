import type { LabelRequest } from '../../lambdas/carrier/contract';
import type { CarrierChannel } from '../../lambdas/shipping/ports/carrier-channel';
import type { LabelDeadline } from '../../lambdas/shipping/schemas/label-deadline';

/** The carrier channel's sends, recorded in order (the queues themselves run in the end-to-end suite). */
export class RecordingCarrier implements CarrierChannel {
  readonly requests: LabelRequest[] = [];
  readonly deadlines: Array<LabelDeadline & { delaySeconds: number }> = [];
  failNextRequest = false;
  failNextDeadline = false;
  async requestLabel(request: LabelRequest): Promise<void> {
    if (this.failNextRequest) {
      this.failNextRequest = false;
      throw new Error('queue unavailable');
    }
    this.requests.push(request);
  }
  async setDeadline(deadline: LabelDeadline, delaySeconds: number): Promise<void> {
    if (this.failNextDeadline) {
      this.failNextDeadline = false;
      throw new Error('queue unavailable');
    }
    this.deadlines.push({ ...deadline, delaySeconds });
  }
}
