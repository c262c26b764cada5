import type { Behaviour, Charge } from '../domain/ledger';

export interface ProviderLedger {
  behaviour(): Promise<Behaviour>;
  setBehaviour(behaviour: Behaviour): Promise<void>;
  findCharge(chargeId: string): Promise<Charge | undefined>;
  /** Stores a new charge; false when one with its id exists already (a repeat). */
  createCharge(charge: Charge): Promise<boolean>;
  /** Refunds a captured charge in full; false when it is not (or no longer) captured. */
  refund(chargeId: string): Promise<boolean>;
}
