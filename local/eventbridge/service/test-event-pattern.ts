import { AwsServiceError } from '../../endpoint/aws-json-service';
import { isRecord } from '../model/properties';
import { compileEventPattern, InvalidEventPatternError, matches } from '../pattern';
import { requiredString, validation } from './request';

/** The envelope fields TestEventPattern insists on (AWS rejects an event without them). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

/** TestEventPattern: whether an event matches a pattern, with the pattern validated as PutRule would. */
export function testEventPattern(input: Record<string, unknown>): unknown {
  const patternText = requiredString(input, 'EventPattern');
  const eventText = requiredString(input, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw validation("Value at 'event' failed to satisfy constraint: Member must be valid JSON");
  }
  if (!isRecord(event))
    throw validation("Value at 'event' failed to satisfy constraint: Member must be a JSON object");
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => event[field] === undefined);
  if (missing.length > 0) {
    throw new AwsServiceError(
      'ValidationException',
      `Parameter Event is not valid. Missing fields: ${missing.join(', ')}`,
    );
  }
  try {
    return { Result: matches(compileEventPattern(patternText), event) };
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new AwsServiceError(error.code, error.message);
    throw error;
  }
}
