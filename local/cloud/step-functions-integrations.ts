import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { LocalEventBridge } from '../eventbridge';
import type { LocalSns } from '../sns';
import type { LocalSqs } from '../sqs';
import type { ServiceIntegration } from '../stepfunctions/types';

/**
 * The optimized service integrations a state machine may call besides Lambda, bound to the local
 * services: each answers what AWS's integration answers (the service's API output). SDK metadata is
 * stripped, as Step Functions does.
 */
export function stepFunctionsIntegrations(services: {
  sqs: LocalSqs;
  sns: LocalSns;
  events: LocalEventBridge;
  dynamodb: DynamoDBClient;
}): Record<string, ServiceIntegration> {
  const withoutMetadata = ({ $metadata: _ignored, ...output }: { $metadata?: unknown }) => output;
  return {
    'sqs:sendMessage': async (parameters) => {
      const { QueueUrl, MessageBody, MessageGroupId, MessageDeduplicationId, DelaySeconds } =
        parameters as Record<string, unknown>;
      const sent = services.sqs.send(
        String(QueueUrl),
        typeof MessageBody === 'string' ? MessageBody : JSON.stringify(MessageBody),
        {
          ...(MessageGroupId === undefined ? {} : { groupId: String(MessageGroupId) }),
          ...(MessageDeduplicationId === undefined
            ? {}
            : { deduplicationId: String(MessageDeduplicationId) }),
          ...(DelaySeconds === undefined ? {} : { delaySeconds: Number(DelaySeconds) }),
        },
      );
      return { MessageId: sent.messageId, MD5OfMessageBody: sent.md5OfBody };
    },
    // `Message` may be a JSON object in the state machine (Step Functions serializes it for SNS).
    'sns:publish': async (parameters) => {
      const { TopicArn, TargetArn, Message, ...rest } = parameters as Record<string, unknown>;
      const { messageId, sequenceNumber } = services.sns.publish(String(TopicArn ?? TargetArn), {
        ...rest,
        Message: typeof Message === 'string' ? Message : JSON.stringify(Message),
      });
      return {
        MessageId: messageId,
        ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
      };
    },
    // Step Functions takes `Detail` as a JSON object too (CDK's EventBridgePutEvents writes one) and
    // serializes it for EventBridge, which only takes a string.
    'events:putEvents': (parameters) => {
      const { Entries, ...rest } = parameters as { Entries?: Array<Record<string, unknown>> };
      const entries = (Entries ?? []).map((entry) =>
        typeof entry.Detail === 'string' || entry.Detail === undefined
          ? entry
          : { ...entry, Detail: JSON.stringify(entry.Detail) },
      );
      return services.events.handle('PutEvents', { ...rest, Entries: entries });
    },
    'dynamodb:putItem': async (p) =>
      withoutMetadata(await services.dynamodb.send(new PutItemCommand(p as PutItemCommandInput))),
    'dynamodb:getItem': async (p) =>
      withoutMetadata(await services.dynamodb.send(new GetItemCommand(p as GetItemCommandInput))),
    'dynamodb:updateItem': async (p) =>
      withoutMetadata(await services.dynamodb.send(new UpdateItemCommand(p as UpdateItemCommandInput))),
    'dynamodb:deleteItem': async (p) =>
      withoutMetadata(await services.dynamodb.send(new DeleteItemCommand(p as DeleteItemCommandInput))),
  };
}
