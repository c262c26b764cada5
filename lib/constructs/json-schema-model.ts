import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import * as z from 'zod/mini';

/**
 * An API Gateway model schema (JSON Schema draft-04) generated from the zod schema the handler validates
 * with: one definition of the request body serves the gateway's validator and the function.
 */
export function apiGatewayModelSchema(schema: z.ZodMiniType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-4', io: 'input' });
  // The generated document is draft-04 already; JsonSchema types its keywords as string enums of the same values.
  return { schema: 'http://json-schema.org/draft-04/schema#', ...rest } as unknown as JsonSchema;
}
