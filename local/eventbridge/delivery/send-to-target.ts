import type { EventEnvelope } from '../events/envelope';
import { asJsonPayload } from '../input/target-input';
import { busNameOf } from '../model/properties';
import type { TargetModel } from '../model/types';
import type { TargetDispatcher } from './dispatcher';
import { TargetDeliveryError } from './dispatcher';
import { targetKindOf } from './target-kind';

/** Puts an event onto another bus of the local cloud (a rule whose target is an event bus). */
export type ForwardToBus = (busName: string, envelope: EventEnvelope) => void;

/** One attempt to hand `input` to the target's service. */
export async function sendToTarget(
  target: TargetModel,
  input: string,
  envelope: EventEnvelope,
  dispatcher: TargetDispatcher,
  forward: ForwardToBus,
): Promise<void> {
  switch (targetKindOf(target.arn)) {
    case 'lambda':
      return dispatcher.lambda.invokeAsync(target.arn, asJsonPayload(input));
    case 'sqs':
      return dispatcher.sendToQueue(
        target.arn,
        input,
        target.messageGroupId === undefined ? {} : { messageGroupId: target.messageGroupId },
      );
    case 'sns':
      return dispatcher.publishToTopic(
        target.arn,
        input,
        target.messageGroupId === undefined ? {} : { messageGroupId: target.messageGroupId },
      );
    case 'states':
      return dispatcher.startExecution(target.arn, input);
    case 'event-bus':
      // The receiving bus gets the event itself, as in AWS; its own rules decide what to do with it.
      return forward(busNameOf(target.arn), envelope);
    default:
      throw new TargetDeliveryError(
        'NO_RESOURCE',
        `${target.arn} is not a target the local cloud delivers to`,
        false,
      );
  }
}
