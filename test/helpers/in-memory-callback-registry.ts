import type { CallbackAttempt } from '../../lambdas/notifications/contract';
import type {
  CallbackRegistry,
  FinalEventRef,
  Registration,
} from '../../lambdas/notifications/ports/callback-registry';

/** The notifications service's registry in memory, for use-case tests (the DynamoDB one has its own). */
export class InMemoryCallbackRegistry implements CallbackRegistry {
  readonly registrations = new Map<string, Registration>();
  readonly attemptsByOrder = new Map<string, CallbackAttempt[]>();
  readonly gone = new Set<string>();

  async register(registration: Registration): Promise<void> {
    const known = this.registrations.get(registration.orderId);
    this.registrations.set(registration.orderId, { ...known, ...registration });
  }

  async registration(orderId: string): Promise<Registration | undefined> {
    return this.registrations.get(orderId);
  }

  async rememberFinal(orderId: string, event: FinalEventRef): Promise<void> {
    const known = this.registrations.get(orderId);
    if (known === undefined) throw new Error(`No registration of ${orderId}`);
    this.registrations.set(orderId, { ...known, lastFinal: event });
  }

  async recordAttempt(orderId: string, attempt: CallbackAttempt): Promise<void> {
    this.attemptsByOrder.set(orderId, [...(this.attemptsByOrder.get(orderId) ?? []), attempt]);
  }

  async attempts(orderId: string): Promise<CallbackAttempt[]> {
    return [...(this.attemptsByOrder.get(orderId) ?? [])];
  }

  async markGone(url: string): Promise<void> {
    this.gone.add(url);
  }

  async isGone(url: string): Promise<boolean> {
    return this.gone.has(url);
  }
}
