import type { LambdaService } from '../../lambda/types';

export interface SendToQueueOptions {
  /** For a FIFO queue target (`SqsParameters.MessageGroupId`). */
  readonly messageGroupId?: string;
  /** String message attributes (the dead-letter attributes EventBridge adds). */
  readonly messageAttributes?: Readonly<Record<string, string>>;
}

/**
 * How EventBridge reaches the other local services. The local cloud wires it to its Lambda service, its
 * SQS emulator and its Step Functions runner; tests pass recording fakes. A rejected promise is a failed
 * delivery: retried, then dead-lettered (a `TargetDeliveryError` can say how).
 */
export interface TargetDispatcher {
  /** Lambda targets are invoked asynchronously, as in AWS; the function's own errors are Lambda's to retry. */
  readonly lambda: LambdaService;
  sendToQueue(queueArn: string, body: string, options: SendToQueueOptions): Promise<void>;
  startExecution(stateMachineArn: string, input: string): Promise<void>;
  /** Publishes to an SNS topic (the event, or the target's input, as the message). */
  publishToTopic(topicArn: string, message: string, options: { messageGroupId?: string }): Promise<void>;
}

/**
 * A delivery failure with EventBridge's dead-letter error code (`NO_RESOURCE`, `NO_PERMISSIONS`,
 * `THROTTLING`, `SDK_CLIENT_ERROR`, …). Not retryable means straight to the DLQ, as AWS does for a
 * missing resource or permission.
 */
export class TargetDeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'TargetDeliveryError';
  }
}

/** The dead-letter code and retryability of whatever a dispatcher rejected with. */
export function classifyFailure(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof TargetDeliveryError) {
    return { code: error.code, message: error.message, retryable: error.retryable };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Lambda's answer for an unknown function (local/lambda FunctionNotFoundError): the resource is gone.
  if (error instanceof Error && error.name === 'ResourceNotFoundException') {
    return { code: 'NO_RESOURCE', message, retryable: false };
  }
  return { code: 'SDK_CLIENT_ERROR', message, retryable: true };
}
