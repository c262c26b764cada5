import type { LabelRequest } from '../contract';
import { repliesTo } from '../domain/labels';
import type { ReplyChannel } from '../ports/reply-channel';

export interface CarrierDeps {
  readonly replies: ReplyChannel;
  readonly slowReplyDelaySeconds: number;
}

/**
 * Answers a label request on its `replyTo` queue as the request's recipient asks for (see
 * CARRIER_TEST_RECIPIENTS). Says how many replies went, for the log.
 */
export async function answerLabelRequest(
  deps: CarrierDeps,
  request: LabelRequest,
  correlationId: string | undefined,
): Promise<string> {
  const planned = repliesTo(request, deps.slowReplyDelaySeconds);
  for (const { reply, delaySeconds } of planned) {
    await deps.replies.send(request.replyTo, reply, delaySeconds, correlationId);
  }
  return `${planned.length} repl${planned.length === 1 ? 'y' : 'ies'} sent`;
}
