import { type Input, optionalInteger, optionalString, requiredString, stringMap } from '../input';
import { readMessageAttributes } from '../message-attributes';
import type { MessageToSend } from '../message-validation';
import { invalidParameterValue } from '../sqs-error';

/** The message members shared by SendMessage and a SendMessageBatch entry. */
export function readMessageToSend(input: Input): MessageToSend {
  return {
    body: requiredString(input, 'MessageBody'),
    messageAttributes: readMessageAttributes(input.MessageAttributes),
    delaySeconds: optionalInteger(input, 'DelaySeconds', 0, 900),
    groupId: optionalString(input, 'MessageGroupId'),
    deduplicationId: optionalString(input, 'MessageDeduplicationId'),
    traceHeader: readTraceHeader(input),
  };
}

/** `MessageSystemAttributes` has one member today: `AWSTraceHeader` (a String). */
function readTraceHeader(input: Input): string | undefined {
  const systemAttributes = stringMap(input, 'MessageSystemAttributes');
  for (const name of Object.keys(systemAttributes)) {
    if (name !== 'AWSTraceHeader')
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
  }
  const header = systemAttributes.AWSTraceHeader as { DataType?: unknown; StringValue?: unknown } | undefined;
  if (header === undefined) return undefined;
  if (header.DataType !== 'String' || typeof header.StringValue !== 'string') {
    throw invalidParameterValue('The message system attribute AWSTraceHeader must be a String.');
  }
  return header.StringValue;
}
