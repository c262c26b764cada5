import type * as z from 'zod/mini';
import { InvalidRequestError, PayloadTooLargeError } from '../errors';

/** Bodies above this are refused before parsing (API Gateway itself would accept up to 10 MB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Decodes, size-checks, parses and validates a JSON request body; every failure is a 400 or 413. */
export function parseJsonBody<TSchema extends z.ZodMiniType>(
  body: string | null,
  isBase64Encoded: boolean,
  schema: TSchema,
): z.infer<TSchema> {
  if (body === null || body === '') throw new InvalidRequestError('The request body is required.');
  const raw = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`The request body must be at most ${MAX_BODY_BYTES} bytes.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidRequestError('The request body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new InvalidRequestError(
      'The request body does not match the schema.',
      result.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.join('.') : '(body)',
        message: issue.message,
      })),
    );
  }
  return result.data;
}
