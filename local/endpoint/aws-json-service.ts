/**
 * A local AWS service that speaks an AWS JSON protocol (awsJson1.0 / 1.1): the SDK POSTs to one URL with
 * `X-Amz-Target: <prefix>.<Operation>` and a JSON body. The single local endpoint (like LocalStack's edge
 * port) routes each request by its target prefix to the service that owns it, so the AWS SDK and CLI
 * work unchanged with `AWS_ENDPOINT_URL` pointing at it.
 */
export interface AwsJsonService {
  /** The X-Amz-Target prefix this service answers, e.g. `AmazonSQS`, `AWSEvents`, `AWSStepFunctions`. */
  readonly targetPrefix: string;
  /** `awsJson1.0` or `awsJson1.1`: the content type the answer is sent with. */
  readonly jsonVersion: '1.0' | '1.1';
  /**
   * Whether an operation is refused unsigned, as AWS refuses it (`MissingAuthenticationTokenException`).
   * Any credentials sign it: the local cloud checks that a call is signed, not by whom. Absent: every
   * operation is answered signed or not.
   */
  requiresSignature?(operation: string): boolean;
  /** Runs one operation (`SendMessage`, `PutEvents`, ...) and returns its output shape. */
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
}

/**
 * An error the way AWS JSON protocols return it: HTTP status, `__type` (the error code the SDK maps to
 * an exception class, e.g. `QueueDoesNotExist`, `ResourceNotFoundException`) and `message`.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}
