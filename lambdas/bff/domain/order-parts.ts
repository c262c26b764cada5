import type { CustomerProfile } from '../../customers/contract';
import type { Currency, OrderViewAnswer } from '../../orders/contract';
import type { PaymentView } from '../../payments/contract';
import type { ShipmentView } from '../../shipping/contract';
import type { PartOutcome } from '../composition/compose';

/** The parts an app's view of an order is composed from; the order itself is required. */
export type PartName = 'customer' | 'payment' | 'shipment';

/** A part the answer lacks because its backend failed or was late; `problem` says how (RFC 9457). */
export interface PartialPart {
  readonly part: PartName;
  readonly problem: PartProblem;
  /**
   * Set when the part is given anyway, as the order's own state implies it (a confirmed order was paid
   * its total and has a shipment): what the read model knows, not what the backend said.
   */
  readonly derivedFrom?: 'order';
}

export interface PartProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
}

export interface PaymentPart {
  readonly status: PaymentView['status'];
  /** Null only for a payment voided before any charge was asked for. */
  readonly amount: number | null;
  readonly currency: Currency;
}

export interface ShipmentPart {
  readonly status: ShipmentView['status'];
  readonly carrier?: string;
  readonly trackingNumber?: string;
}

/** What the composition gathered for one order, before an app shapes it. */
export interface OrderParts {
  readonly order: OrderViewAnswer;
  readonly customer: PartOutcome<CustomerProfile>;
  readonly payment: PartOutcome<PaymentView>;
  readonly shipment: PartOutcome<ShipmentView>;
}
