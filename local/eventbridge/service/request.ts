import { AwsServiceError } from '../../endpoint/aws-json-service';

/** Readers for the JSON members of a request, failing the way AWS validation fails. */

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(`Value at '${member}' must be a string`);
  return value;
}

export function requiredString(input: Record<string, unknown>, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined || value === '') {
    throw validation(
      `Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function validation(detail: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `1 validation error detected: ${detail}`);
}

export function notFound(message: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', message);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * One page of `items`. The token is the index of the next item; AWS's tokens are opaque, and so is this
 * one to a client.
 */
export function paginate<T>(
  items: readonly T[],
  input: Record<string, unknown>,
): { page: readonly T[]; nextToken?: string } {
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : 100;
  const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
  if (!Number.isInteger(start) || start < 0) throw validation("Value at 'nextToken' is not valid");
  const page = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { page, nextToken: String(next) } : { page };
}
