import * as z from 'zod/mini';
import { placeOrderRequestSchema } from '../../lambdas/orders/contract';
import { routeOf } from '../helpers/api-template';
import { logicalIdOf, referencedId, resourceOf, shopTemplates } from '../helpers/shop-templates';

const { edge, stacks } = shopTemplates('local');
const restApi = logicalIdOf(stacks.edge.publicApi.api);

describe('POST /orders validation', () => {
  const method = () => routeOf(edge, restApi, 'POST', '/orders').properties;
  const schema = () =>
    resourceOf(edge, referencedId((method().RequestModels as Record<string, unknown>)['application/json']))
      .Properties.Schema as Record<string, unknown>;

  it('validates the body and the parameters before the function runs', () => {
    expect(resourceOf(edge, referencedId(method().RequestValidatorId)).Properties).toMatchObject({
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  it('requires the Idempotency-Key header', () => {
    expect(method().RequestParameters).toEqual({ 'method.request.header.Idempotency-Key': true });
  });

  it('has an application/json model and no other', () => {
    const models = method().RequestModels as Record<string, unknown>;
    expect(Object.keys(models)).toEqual(['application/json']);
    expect(resourceOf(edge, referencedId(models['application/json'])).Properties).toMatchObject({
      ContentType: 'application/json',
    });
  });

  it('rejects unknown fields and empty or fractional orders, and requires every mandatory field', () => {
    expect(schema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      additionalProperties: false,
      required: ['customerId', 'items', 'paymentToken', 'shippingAddress'],
      properties: {
        shippingAddress: { type: 'object', additionalProperties: false },
        items: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['sku', 'quantity'],
            properties: { quantity: { type: 'integer', minimum: 1 } },
          },
        },
      },
    });
  });

  it("is exactly the handler's zod schema as JSON Schema draft-04, so gateway and function agree", () => {
    const fromZod = z.toJSONSchema(placeOrderRequestSchema, { target: 'draft-4', io: 'input' });
    expect(schema()).toEqual(fromZod);
  });

  it('uses only keywords API Gateway (JSON Schema draft-04) understands', () => {
    expect(unsupportedKeywords(schema(), '#')).toEqual([]);
  });
});

/** Draft-04 validation and annotation keywords; anything else is ignored (or refused) by API Gateway. */
const DRAFT_04_KEYWORDS = new Set([
  ...['$schema', 'id', '$ref', 'title', 'description', 'default', 'type', 'enum', 'format', 'definitions'],
  ...['properties', 'patternProperties', 'additionalProperties', 'required', 'dependencies'],
  ...['minProperties', 'maxProperties', 'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'],
  ...['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  ...['multipleOf', 'allOf', 'anyOf', 'oneOf', 'not'],
]);

function unsupportedKeywords(node: unknown, at: string): string[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([keyword, value]): string[] => {
    if (!DRAFT_04_KEYWORDS.has(keyword)) return [`${at}/${keyword}`];
    // Draft-04 exclusive bounds are booleans; draft-06+ numbers would be rejected.
    if (keyword.startsWith('exclusive') && typeof value !== 'boolean') return [`${at}/${keyword}`];
    if (['properties', 'patternProperties', 'definitions', 'dependencies'].includes(keyword)) {
      return Object.entries(value as object).flatMap(([name, member]) =>
        unsupportedKeywords(member, `${at}/${keyword}/${name}`),
      );
    }
    if (['allOf', 'anyOf', 'oneOf'].includes(keyword) || (keyword === 'items' && Array.isArray(value))) {
      return (value as unknown[]).flatMap((member, index) =>
        unsupportedKeywords(member, `${at}/${keyword}/${index}`),
      );
    }
    if (['items', 'additionalItems', 'additionalProperties', 'not'].includes(keyword)) {
      return unsupportedKeywords(value, `${at}/${keyword}`);
    }
    return [];
  });
}
