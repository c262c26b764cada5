import type { LocalEventBridge } from '../eventbridge';
import type { LambdaService } from '../lambda/types';
import type { LocalSqs } from '../sqs';

/**
 * Where Lambda sends the record of a failed asynchronous invocation or of a stream batch it gave up on
 * (`DestinationConfig.OnFailure`): an SQS queue gets the record as the message body, an event bus gets
 * it as an event (source `lambda`), a function is invoked with it. Anything else is reported, not lost
 * silently.
 */
export interface FailureDestinations {
  readonly sqs: LocalSqs;
  readonly events: LocalEventBridge;
  readonly lambda: LambdaService;
  readonly warn: (message: string) => void;
}

export function sendToFailureDestination(
  targets: FailureDestinations,
  destinationArn: string,
  record: unknown,
): Promise<void> {
  const service = destinationArn.split(':')[2];
  const body = JSON.stringify(record);
  switch (service) {
    case 'sqs':
      targets.sqs.send(destinationArn, body);
      return Promise.resolve();
    case 'events':
      return targets.events
        .handle('PutEvents', {
          Entries: [
            {
              EventBusName: destinationArn,
              Source: 'lambda',
              DetailType: 'Lambda Function Invocation Result - Failure',
              Detail: body,
            },
          ],
        })
        .then(() => undefined);
    case 'lambda':
      return targets.lambda.invokeAsync(destinationArn, record);
    default:
      targets.warn(
        `failure destination ${destinationArn} is not emulated; the failure record was dropped: ${body}`,
      );
      return Promise.resolve();
  }
}
