import type { PlaceOrderHandlerDeps } from '../../lambdas/orders/handlers/place-order-handler';

/** A stage's callback key, fixed so that a test can derive the secret it expects. */
export const TEST_CALLBACK_SIGNING_KEY = 'test-callback-signing-key-of-at-least-32-characters';

/** The `local` stage's callback settings, for place-order handlers built in tests and benches. */
export const localCallbacks: PlaceOrderHandlerDeps['callbacks'] = {
  policy: 'local',
  signingKey: async () => TEST_CALLBACK_SIGNING_KEY,
};
