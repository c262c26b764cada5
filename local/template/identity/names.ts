import { shortId } from '../deterministic-ids';
import type { IdentityInput } from './types';

/** Helpers for names: the one the template gives, or the one the local cloud makes up. */

/** A string property, if the template sets one (after resolution). */
export function stringProperty(resource: IdentityInput, key: string): string | undefined {
  const value = resource.properties[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A seed unique to one resource in the assembly, for the deterministic ids. */
export function seedOf(resource: IdentityInput, purpose: string): string {
  return `${resource.stackName}/${resource.logicalId}/${purpose}`;
}

/**
 * The name CloudFormation would generate, minus its random suffix: `<stackName>-<logicalId>`. A name
 * longer than the service allows is cut and given a hash of the full name, so two long names stay apart.
 */
export function generatedName(
  resource: IdentityInput,
  maxLength: number,
  options: { lowercase?: boolean; suffix?: string } = {},
): string {
  const suffix = options.suffix ?? '';
  let name = `${resource.stackName}-${resource.logicalId}`;
  if (options.lowercase) name = name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const room = maxLength - suffix.length;
  if (name.length > room) name = `${name.slice(0, room - 9)}-${shortId(name, 8)}`;
  return `${name}${suffix}`;
}

/** The given name, else a generated one. */
export function nameOf(resource: IdentityInput, key: string, maxLength: number): string {
  return stringProperty(resource, key) ?? generatedName(resource, maxLength);
}
