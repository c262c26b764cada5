import { optionalInteger, optionalString, requiredString } from '../input';
import { invalidParameterValue } from '../sqs-error';
import type { Operation, SqsContext } from './context';

/** One StartMessageMoveTask as ListMessageMoveTasks reports it. */
export interface MessageMoveTask {
  readonly sourceArn: string;
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly startedTimestamp: number;
  readonly moved: number;
  readonly toMove: number;
  readonly failureReason?: string;
}

/** ListMessageMoveTasks reports at most the 10 latest tasks per source, as SQS does. */
const KEPT_PER_SOURCE = 10;

/**
 * StartMessageMoveTask: moves a dead-letter queue's messages to `DestinationArn`, or each back to the
 * queue it was dead-lettered from (AWS's redrive to source). Locally the move is done before the call
 * answers, so the task is COMPLETED at once; a message whose source is unknown (sent straight into the
 * DLQ) goes to the DLQ's source queue when it has exactly one, and otherwise stays and fails the task.
 */
const startMessageMoveTask: Operation = (context, input) => {
  const { registry } = context;
  const sourceArn = requiredString(input, 'SourceArn');
  const source = registry.find(sourceArn);
  const feeders = registry.list().filter((q) => q.settings.redrivePolicy?.deadLetterTargetArn === sourceArn);
  if (!source || feeders.length === 0)
    throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  const destinationArn = optionalString(input, 'DestinationArn');
  const destination = destinationArn === undefined ? undefined : registry.find(destinationArn);
  if (destinationArn !== undefined && !destination)
    throw invalidParameterValue(`Destination queue ${destinationArn} does not exist.`);
  const rate = optionalInteger(input, 'MaxNumberOfMessagesPerSecond', 1, 500);
  const messages = source.snapshot().messages;
  let moved = 0;
  for (const message of messages) {
    const target =
      destination ??
      (message.deadLetterQueueSourceArn ? registry.find(message.deadLetterQueueSourceArn) : undefined) ??
      (feeders.length === 1 ? feeders[0] : undefined);
    if (!target) continue;
    target.send(
      {
        body: message.body,
        messageAttributes: message.messageAttributes,
        ...(message.groupId ? { groupId: message.groupId } : {}),
        ...(message.traceHeader ? { traceHeader: message.traceHeader } : {}),
      },
      message.senderId,
    );
    source.remove(message.messageId);
    moved += 1;
  }
  record(context, {
    sourceArn,
    ...(destinationArn ? { destinationArn } : {}),
    ...(rate === undefined ? {} : { maxNumberOfMessagesPerSecond: rate }),
    startedTimestamp: context.now(),
    moved,
    toMove: messages.length,
    ...(moved < messages.length
      ? { failureReason: `${messages.length - moved} messages have no known source queue` }
      : {}),
  });
  return { TaskHandle: taskHandle(sourceArn, context.now()) };
};

/** ListMessageMoveTasks: the latest tasks of a source queue first (`MaxResults` 1-10, default 1). */
const listMessageMoveTasks: Operation = (context, input) => {
  const sourceArn = requiredString(input, 'SourceArn');
  if (!context.registry.find(sourceArn))
    throw invalidParameterValue(`Source queue ${sourceArn} does not exist.`);
  const max = optionalInteger(input, 'MaxResults', 1, KEPT_PER_SOURCE) ?? 1;
  const tasks = (context.moveTasks.get(sourceArn) ?? []).slice(-max).reverse();
  return {
    Results: tasks.map((task) => ({
      Status: task.failureReason ? 'FAILED' : 'COMPLETED',
      SourceArn: task.sourceArn,
      ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
      ...(task.maxNumberOfMessagesPerSecond === undefined
        ? {}
        : { MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond }),
      ApproximateNumberOfMessagesMoved: task.moved,
      ApproximateNumberOfMessagesToMove: task.toMove,
      ...(task.failureReason ? { FailureReason: task.failureReason } : {}),
      StartedTimestamp: task.startedTimestamp,
    })),
  };
};

function record(context: SqsContext, task: MessageMoveTask): void {
  const tasks = [...(context.moveTasks.get(task.sourceArn) ?? []), task].slice(-KEPT_PER_SOURCE);
  context.moveTasks.set(task.sourceArn, tasks);
}

/** Opaque as SQS's: only a running task has one, and a local task is never running when it is returned. */
function taskHandle(sourceArn: string, at: number): string {
  return Buffer.from(JSON.stringify({ sourceArn, at })).toString('base64url');
}

export const MESSAGE_MOVE_OPERATIONS: Readonly<Record<string, Operation>> = {
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
};
