import type { LabelRequest } from '../../carrier/contract';
import type { LabelDeadline } from '../schemas/label-deadline';

/** How shipping reaches its carrier, and its own deadline for the carrier's answer. */
export interface CarrierChannel {
  /** Puts the label request on the carrier's queue; `correlationId`: the business transaction's. */
  requestLabel(request: LabelRequest, correlationId: string): Promise<void>;
  /** Has `deadline` come back to shipping after `delaySeconds` (at most 900, SQS's longest delay). */
  setDeadline(deadline: LabelDeadline, delaySeconds: number, correlationId: string): Promise<void>;
}
