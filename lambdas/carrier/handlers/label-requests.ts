import { messageConsumer } from '../../shared/queues/message-consumer';
import { labelRequestSchema } from '../contract';
import { answerLabelRequest, type CarrierDeps } from '../use-cases/answer-label-request';

/**
 * The carrier's request queue consumer: each label request answered on its `replyTo` queue. A request
 * delivered again is answered again with the same label (the requester ignores what it already has).
 */
export function labelRequestsConsumer(deps: CarrierDeps) {
  return messageConsumer('label request', labelRequestSchema, (request, correlationId) =>
    answerLabelRequest(deps, request, correlationId),
  );
}
