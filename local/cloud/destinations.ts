import type { LocalEventBridge } from '../eventbridge';
import type { LambdaService } from '../lambda/types';
import type { ResolvedResource } from '../model/resolved-resource';
import type { LocalSns } from '../sns';
import type { LocalSqs } from '../sqs';

/**
 * Where Lambda sends its records: an asynchronous invocation's on-success and on-failure records
 * (`AWS::Lambda::EventInvokeConfig` `DestinationConfig`), and a stream batch it gave up on (an event
 * source mapping's `OnFailure`). An SQS queue gets the record as the message body, an SNS topic as the
 * message, an event bus gets it
 * as the `detail` of an event from source `lambda`, a function is invoked asynchronously with it.
 */
export interface Destinations {
  readonly sqs: LocalSqs;
  readonly sns: LocalSns;
  readonly events: LocalEventBridge;
  readonly lambda: LambdaService;
}

/** Every record Lambda sends names its condition: `Success`, or what made it a failure. */
export interface DestinationRecord {
  readonly requestContext: { readonly functionArn: string; readonly condition: string };
}

/** The services whose resources can receive records locally. */
const DELIVERED_SERVICES: ReadonlySet<string> = new Set(['sqs', 'sns', 'events', 'lambda']);

export function sendToDestination(
  targets: Destinations,
  destinationArn: string,
  record: DestinationRecord,
): Promise<void> {
  const service = serviceOf(destinationArn);
  const body = JSON.stringify(record);
  switch (service) {
    case 'sqs':
      targets.sqs.send(destinationArn, body);
      return Promise.resolve();
    case 'events': {
      const outcome = record.requestContext.condition === 'Success' ? 'Success' : 'Failure';
      return targets.events
        .handle('PutEvents', {
          Entries: [
            {
              EventBusName: destinationArn,
              Source: 'lambda',
              DetailType: `Lambda Function Invocation Result - ${outcome}`,
              Resources: [destinationArn, record.requestContext.functionArn],
              Detail: body,
            },
          ],
        })
        .then(() => undefined);
    }
    case 'sns':
      targets.sns.publish(destinationArn, { Message: body });
      return Promise.resolve();
    case 'lambda':
      return targets.lambda.invokeAsync(destinationArn, record);
    default:
      // Named at start (unsupportedDestinations); the caller reports this in the function's log.
      return Promise.reject(new Error(`${service} destinations are not emulated; the record was dropped`));
  }
}

/**
 * One line per destination the templates configure that `sendToDestination` cannot deliver to (an S3
 * bucket), to print once at start: its records are dropped.
 */
export function unsupportedDestinations(resources: readonly ResolvedResource[]): string[] {
  const warnings: string[] = [];
  for (const resource of resources) {
    if (
      resource.type !== 'AWS::Lambda::EventInvokeConfig' &&
      resource.type !== 'AWS::Lambda::EventSourceMapping'
    ) {
      continue;
    }
    const config = resource.properties.DestinationConfig as
      | Record<string, { Destination?: unknown } | undefined>
      | undefined;
    for (const condition of ['OnSuccess', 'OnFailure']) {
      const destination = config?.[condition]?.Destination;
      if (typeof destination !== 'string' || DELIVERED_SERVICES.has(serviceOf(destination))) continue;
      warnings.push(
        `${resource.stackName}/${resource.logicalId}: the ${condition} destination ${destination} gets no records (${serviceOf(destination)} is not emulated)`,
      );
    }
  }
  return warnings;
}

function serviceOf(arn: string): string {
  return arn.split(':')[2] ?? arn;
}
