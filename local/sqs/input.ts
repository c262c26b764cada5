import { invalidParameterValue, missingParameter } from './sqs-error';

/** Reads the members of an operation's JSON input, failing as SQS does on a missing or mistyped one. */
export type Input = Readonly<Record<string, unknown>>;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameterValue(`Value for parameter ${name} must be a string.`);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameterValue(`Value for parameter ${name} must be a string.`);
  return value;
}

export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalidParameterValue(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: must be between ${min} and ${max}, if provided.`,
    );
  }
  return number;
}

export function stringList(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameterValue(`Value for parameter ${name} must be a list of strings.`);
  }
  return value as string[];
}

export function stringMap(input: Input, name: string): Record<string, unknown> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameterValue(`Value for parameter ${name} must be a map.`);
  }
  return value as Record<string, unknown>;
}

export function objectList(input: Input, name: string): Input[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) {
    throw invalidParameterValue(`Value for parameter ${name} must be a list of structures.`);
  }
  return value as Input[];
}
