import { booleanProp, numberProp, recordProp, stringProp } from '../apigateway/resource-properties';
import { AwsServiceError } from '../endpoint/aws-json-service';

/** What a pool accepts as one user attribute: its type, whether every user must have it, its bounds. */
export interface AttributeRule {
  readonly type: 'String' | 'Number' | 'Boolean' | 'DateTime';
  readonly required: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
}

const text = (minLength = 0, maxLength = 2048): AttributeRule => ({
  type: 'String',
  required: false,
  minLength,
  maxLength,
});

/** Every pool's standard attributes (OpenID Connect's), as `DescribeUserPool` lists them for a new pool. */
const STANDARD: Readonly<Record<string, AttributeRule>> = {
  ...Object.fromEntries(
    [
      'address',
      'email',
      'family_name',
      'gender',
      'given_name',
      'locale',
      'middle_name',
      'name',
      'nickname',
      'phone_number',
      'picture',
      'preferred_username',
      'profile',
      'website',
      'zoneinfo',
    ].map((name) => [name, text()]),
  ),
  birthdate: text(10, 10),
  updated_at: { type: 'Number', required: false, minValue: 0 },
  // Built in rather than declared: no Schema entry names them, and an admin may set them.
  email_verified: { type: 'Boolean', required: false },
  phone_number_verified: { type: 'Boolean', required: false },
};

/**
 * The attributes of a pool by the names users are given them with (`email`, `custom:customerId`): the
 * standard ones, made required or narrowed by a `Schema` entry of the same name, and the custom ones the
 * `Schema` declares (any other name), which live under `custom:`.
 */
export function attributeRules(
  schema: readonly Readonly<Record<string, unknown>>[],
): ReadonlyMap<string, AttributeRule> {
  const rules = new Map(Object.entries(STANDARD));
  for (const entry of schema) {
    const name = stringProp(entry, 'Name');
    if (!name) continue;
    const standard = STANDARD[name];
    const type = stringProp(entry, 'AttributeDataType') ?? standard?.type ?? 'String';
    const strings = recordProp(entry, 'StringAttributeConstraints');
    const numbers = recordProp(entry, 'NumberAttributeConstraints');
    const minLength = numberProp(strings, 'MinLength') ?? standard?.minLength;
    const maxLength = numberProp(strings, 'MaxLength') ?? standard?.maxLength;
    const minValue = numberProp(numbers, 'MinValue') ?? standard?.minValue;
    const maxValue = numberProp(numbers, 'MaxValue') ?? standard?.maxValue;
    rules.set(standard ? name : `custom:${name}`, {
      type: type as AttributeRule['type'],
      required: booleanProp(entry, 'Required') ?? false,
      ...(minLength === undefined ? {} : { minLength }),
      ...(maxLength === undefined ? {} : { maxLength }),
      ...(minValue === undefined ? {} : { minValue }),
      ...(maxValue === undefined ? {} : { maxValue }),
    });
  }
  return rules;
}

/**
 * Refuses a new user's attributes as Cognito does, the first problem found: a name the pool does not
 * know, a value its rule does not allow, or a required attribute missing.
 */
export function checkUserAttributes(
  rules: ReadonlyMap<string, AttributeRule>,
  attributes: Readonly<Record<string, string>>,
): void {
  for (const [name, value] of Object.entries(attributes)) {
    const rule = rules.get(name);
    const problem = rule ? valueProblem(rule, value) : 'Attribute does not exist in the schema.';
    if (problem) throw nonConforming(name, problem);
  }
  for (const [name, rule] of rules) {
    if (rule.required && attributes[name] === undefined)
      throw nonConforming(name, 'The attribute is required');
  }
}

function valueProblem(rule: AttributeRule, value: string): string | undefined {
  switch (rule.type) {
    case 'String':
      if (rule.minLength !== undefined && value.length < rule.minLength)
        return `String must be at least ${rule.minLength} characters long`;
      if (rule.maxLength !== undefined && value.length > rule.maxLength)
        return `String must be no longer than ${rule.maxLength} characters`;
      return undefined;
    case 'Number': {
      if (!/^-?[0-9]+$/.test(value)) return 'Number is not an integer';
      const number = Number(value);
      if (rule.minValue !== undefined && number < rule.minValue)
        return `Number must be at least ${rule.minValue}`;
      if (rule.maxValue !== undefined && number > rule.maxValue)
        return `Number must be no more than ${rule.maxValue}`;
      return undefined;
    }
    case 'Boolean':
      return value === 'true' || value === 'false' ? undefined : 'Boolean must be true or false';
    default:
      return undefined;
  }
}

const nonConforming = (name: string, problem: string) =>
  new AwsServiceError(
    'InvalidParameterException',
    `Attributes did not conform to the schema: ${name}: ${problem}\n`,
  );
