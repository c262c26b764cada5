import type { SqsQueue } from './sqs-queue';
import type { ReceivedMessage } from './stored-message';

/**
 * Long polling: tries `take` at once and then whenever the queue changes (a send, a delete that unblocks
 * a FIFO group, a visibility change) or a hidden message's time comes, until it returns messages, the
 * wait is over or `signal` aborts (a stopping poller). Every timer and listener is released on return.
 */
export async function longPoll(
  queue: SqsQueue,
  waitMs: number,
  take: () => ReceivedMessage[],
  now: () => number,
  signal?: AbortSignal,
): Promise<ReceivedMessage[]> {
  const deadline = now() + waitMs;
  for (;;) {
    const received = take();
    if (received.length > 0 || now() >= deadline || signal?.aborted) return received;
    const nextVisible = queue.nextVisibleAt();
    const wakeAt = nextVisible === undefined ? deadline : Math.min(deadline, nextVisible);
    const woken = await changeOrTimeout(queue, Math.max(0, wakeAt - now()), signal);
    // The wait is over once its timer fired, even under a clock that the test does not advance.
    if (woken === 'timeout' && wakeAt === deadline) return take();
  }
}

function changeOrTimeout(queue: SqsQueue, ms: number, signal?: AbortSignal): Promise<'change' | 'timeout'> {
  return new Promise((resolve) => {
    const finish = (why: 'change' | 'timeout'): void => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onChange);
      resolve(why);
    };
    const onChange = (): void => finish('change');
    const timer = setTimeout(() => finish('timeout'), ms);
    const unsubscribe = queue.onChange(onChange);
    signal?.addEventListener('abort', onChange, { once: true });
  });
}
