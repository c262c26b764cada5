import * as path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { archiveFiles, buildEventBridgeModel, LocalEventBridge } from '../eventbridge';
import type { LambdaService } from '../lambda/types';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../model/resolved-resource';
import { buildSnsModel, keepSnsStateIn, LocalSns } from '../sns';
import { keepQueueMessagesIn, LocalSqs, queuesFromResources } from '../sqs';
import { fileExecutionStore, LocalStepFunctions } from '../stepfunctions';
import { type CloudContext, traced } from './cloud-context';
import { executionInput } from './execution-trace';
import { stepFunctionsIntegrations } from './step-functions-integrations';

export interface Messaging {
  readonly sqs: LocalSqs;
  readonly sns: LocalSns;
  readonly events: LocalEventBridge;
  readonly stepFunctions: LocalStepFunctions;
}

/**
 * SQS, SNS, EventBridge and Step Functions from the templates, wired to each other: topics deliver to
 * queues and functions; EventBridge targets send to queues and topics and start executions; state
 * machines call Lambda, SQS, SNS, EventBridge and DynamoDB.
 */
export function startMessaging(
  context: CloudContext,
  lambda: LambdaService,
  endpoint: string,
  dynamodb: DynamoDBClient,
): Messaging {
  const { resources, warnings, stoppers, record } = context;
  const sqs = new LocalSqs({ endpoint, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID });
  warnings.push(...queuesFromResources(sqs, resources).warnings);
  if (context.dataDir) keepQueueMessagesIn(sqs, path.join(context.dataDir, 'sqs'));

  const snsModel = buildSnsModel(resources);
  warnings.push(...snsModel.warnings);
  const sns = new LocalSns({
    model: snsModel,
    accountId: LOCAL_ACCOUNT_ID,
    links: { endpoint, region: LOCAL_REGION },
    targets: { lambda, sendToQueue: (queueArn, body, options) => void sqs.send(queueArn, body, options) },
    ...traced(context, 'onTrace', 'sns'),
    // Lost messages are never silent: on the timeline when tracing, else on stderr.
    onWarning: (message) => warn(context, 'sns', message),
  });
  if (context.dataDir) keepSnsStateIn(sns, path.join(context.dataDir, 'sns'));
  stoppers.add(() => sns.close());

  // EventBridge and Step Functions refer to each other (a rule starts executions, a state machine puts
  // events): the rule's dispatcher looks the state machines up when an event arrives.
  let stepFunctions: LocalStepFunctions | undefined;
  const model = buildEventBridgeModel(resources, { accountId: LOCAL_ACCOUNT_ID, region: LOCAL_REGION });
  warnings.push(...model.warnings);
  const events = new LocalEventBridge({
    model,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    dispatcher: {
      lambda,
      sendToQueue: async (queueArn, body, { messageGroupId, messageAttributes }) => {
        sqs.send(queueArn, body, {
          ...(messageGroupId === undefined ? {} : { groupId: messageGroupId }),
          ...(messageAttributes === undefined
            ? {}
            : { messageAttributes: stringAttributes(messageAttributes) }),
        });
      },
      publishToTopic: async (topicArn, message, { messageGroupId }) => {
        sns.publish(topicArn, {
          Message: message,
          ...(messageGroupId === undefined ? {} : { MessageGroupId: messageGroupId }),
        });
      },
      startExecution: async (stateMachineArn, input) => {
        if (!stepFunctions) throw new Error('Step Functions is not running');
        await stepFunctions.startExecution(stateMachineArn, input);
      },
    },
    ...(context.dataDir
      ? { archiveLog: archiveFiles(path.join(context.dataDir, 'eventbridge/archives')) }
      : {}),
    ...traced(context, 'onTrace', 'events'),
    // Lost events are never silent: on the timeline when tracing, else on stderr.
    onWarning: (message) => warn(context, 'events', `events   ${message}`),
  });
  events.startSchedules();
  stoppers.add(() => events.close());

  stepFunctions = new LocalStepFunctions(resources, {
    lambda,
    region: LOCAL_REGION,
    integrations: stepFunctionsIntegrations({ sqs, sns, events, dynamodb }),
    ...(context.dataDir ? { store: fileExecutionStore(path.join(context.dataDir, 'stepfunctions')) } : {}),
    ...(record ? { onTrace: (line, about) => record(executionInput(line, about)) } : {}),
  });
  warnings.push(...stepFunctions.warnings());
  // What was running when the cloud last stopped runs again now that everything it calls exists.
  stepFunctions.resumeInterrupted();
  const running = stepFunctions;
  stoppers.add(() => running.close());
  return { sqs, sns, events, stepFunctions: running };
}

function stringAttributes(attributes: Readonly<Record<string, string>>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
  );
}

/**
 * Lost messages are never silent: on the timeline (under the service's kind, `line` already tagged as
 * `--trace` prints it), and on stderr unless `--trace` prints them already.
 */
function warn(context: CloudContext, kind: 'sns' | 'events', line: string): void {
  context.record?.({ kind, line });
  if (!context.printsTrace) process.stderr.write(`${line}\n`);
}
