import type { OrderViewAnswer } from '../../orders/contract';
import { mayWatch } from '../domain/connection';
import { type DeliveryDeps, deliver } from './deliver';

export interface FanOutResult {
  /** Per order, the first version that could not be delivered to every subscriber (later ones wait). */
  readonly failed: readonly OrderViewAnswer[];
  readonly errors: readonly { readonly orderId: string; readonly version: number; readonly error: unknown }[];
  readonly sent: number;
}

/**
 * The read model's changes to their subscribers: each order's versions in the order given (the stream's),
 * each to every connection watching it, under version order (use-cases/deliver.ts), so duplicates and
 * older records change nothing. Orders go out side by side. A version that fails for some subscriber stops
 * its order there: it and the versions after it are reported failed and come again, and what was already
 * delivered is not posted twice. A subscription whose customer is not the order's (which subscribe never
 * makes) is never sent anything.
 */
export async function fanOut(
  deps: DeliveryDeps,
  views: readonly OrderViewAnswer[],
  clock: () => Date = () => new Date(),
): Promise<FanOutResult> {
  const byOrder = new Map<string, OrderViewAnswer[]>();
  for (const view of views) byOrder.set(view.orderId, [...(byOrder.get(view.orderId) ?? []), view]);
  const failed: OrderViewAnswer[] = [];
  const errors: FanOutResult['errors'][number][] = [];
  let sent = 0;
  await Promise.all(
    [...byOrder].map(async ([orderId, versions]) => {
      try {
        const subscribers = await deps.store.subscribers(orderId, clock());
        for (const view of versions) {
          const outcomes = await Promise.allSettled(
            subscribers
              .filter((subscription) => mayWatch(subscription, view))
              .map((subscription) => deliver(deps, subscription, view, { waitWhileBusy: true })),
          );
          sent += outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent').length;
          const failure = outcomes.find(
            (o) => o.status === 'rejected' || (o.status === 'fulfilled' && o.value === 'busy'),
          );
          if (failure !== undefined) {
            failed.push(view);
            errors.push({
              orderId,
              version: view.version,
              error: failure.status === 'rejected' ? failure.reason : new Error('subscription busy'),
            });
            return;
          }
        }
      } catch (error) {
        failed.push(versions[0] as OrderViewAnswer);
        errors.push({ orderId, version: (versions[0] as OrderViewAnswer).version, error });
      }
    }),
  );
  return { failed, errors, sent };
}
