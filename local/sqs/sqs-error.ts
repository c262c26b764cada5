import { AwsServiceError } from '../endpoint/aws-json-service';

/**
 * An SQS error. `code` is the error shape's name (`QueueDoesNotExist`), which the SDK matches from the
 * JSON body's `__type`; `queryErrorCode` is the legacy query-protocol code (`AWS.SimpleQueueService.
 * NonExistentQueue`) that AWS also sends in the `x-amzn-query-error: <code>;Sender` header. The current
 * SDK does not need that header, older SDKs and the CLI read `Error.Code` from it.
 */
export class SqsError extends AwsServiceError {
  constructor(
    code: string,
    message: string,
    statusCode = 400,
    readonly queryErrorCode = code,
  ) {
    super(code, message, statusCode);
  }

  /** The `x-amzn-query-error` header value AWS sends with this error. */
  get queryErrorHeader(): string {
    return `${this.queryErrorCode};${this.statusCode >= 500 ? 'Receiver' : 'Sender'}`;
  }
}

export const queueDoesNotExist = (): SqsError =>
  new SqsError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
    400,
    'AWS.SimpleQueueService.NonExistentQueue',
  );

export const invalidParameterValue = (message: string): SqsError =>
  new SqsError('InvalidParameterValue', message);

export const missingParameter = (name: string): SqsError =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const invalidAttributeName = (name: string): SqsError =>
  new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidAttributeValue = (name: string, reason: string): SqsError =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}. Reason: ${reason}`);

export const receiptHandleIsInvalid = (handle: string): SqsError =>
  new SqsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    404,
  );

export const messageNotInflight = (): SqsError =>
  new SqsError(
    'MessageNotInflight',
    'The message referred to is not in flight.',
    400,
    'AWS.SimpleQueueService.MessageNotInflight',
  );

export const invalidMessageContents = (): SqsError =>
  new SqsError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
