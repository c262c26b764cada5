/**
 * The SQS message attribute carrying the business transaction's correlation id (DESIGN.md, "Correlation"),
 * so that every log line of a message's handling carries it. Apart from the body, whose `correlationId`
 * (in request/reply) pairs a reply with its request.
 */
export const TRANSACTION_CORRELATION_ATTRIBUTE = 'transactionCorrelationId';

/** The attribute as SendMessage takes it (none when the id is unknown). */
export function transactionAttributes(
  correlationId: string | undefined,
): Record<string, { DataType: 'String'; StringValue: string }> {
  return correlationId === undefined
    ? {}
    : { [TRANSACTION_CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: correlationId } };
}
