import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../endpoint/aws-json-service';
import type { UserPoolModel } from './user-pool-model';

/**
 * The names a user of a pool is known by, as the pool's sign-in settings make them. A pool with
 * `UsernameAttributes` takes an email address or phone number where the API says `Username`, and Cognito
 * makes the username itself (the user's `sub`, which `cognito:username` then carries); with
 * `AliasAttributes` a user signs in by username or by an alias, an email or phone number once verified.
 */

/** The username and `sub` of a new user, and their attributes with the sign-in attribute `Username` gave. */
export function newUserNames(
  pool: UserPoolModel,
  given: string,
  attributes: Readonly<Record<string, string>>,
): { username: string; sub: string; attributes: Readonly<Record<string, string>> } {
  const sub = randomUUID();
  if (pool.usernameAttributes.length === 0) return { username: given, sub, attributes };
  const attribute = pool.usernameAttributes.find((name) => FORMATS[name]?.test(given));
  if (!attribute) throw new AwsServiceError('InvalidParameterException', usernameFormatMessage(pool));
  const stated = attributes[attribute];
  if (stated !== undefined && stated !== given) {
    throw new AwsServiceError(
      'InvalidParameterException',
      `The Username ${given} signs the user in as their ${attribute}; the ${attribute} attribute given (${stated}) differs.`,
    );
  }
  return { username: sub, sub, attributes: { ...attributes, [attribute]: given } };
}

/** Whether `name` signs this user in: their username, or an attribute the pool lets them sign in with. */
export function signsInAs(
  pool: UserPoolModel,
  user: { readonly username: string; readonly attributes: Readonly<Record<string, string>> },
  name: string,
): boolean {
  if (user.username === name) return true;
  if (pool.usernameAttributes.some((attribute) => user.attributes[attribute] === name)) return true;
  return pool.aliasAttributes.some(
    (alias) =>
      user.attributes[alias] === name &&
      // An email or phone number is an alias only once verified; a preferred_username needs no proof.
      (alias === 'preferred_username' || user.attributes[`${alias}_verified`] === 'true'),
  );
}

/** Roughly what Cognito accepts: an address with an @, a phone number in E.164. */
const FORMATS: Readonly<Record<string, RegExp>> = {
  email: /^[^@\s]+@[^@\s]+$/,
  phone_number: /^\+[0-9]{4,15}$/,
};

/** Cognito's words when the Username is not what the pool signs users in with. */
function usernameFormatMessage(pool: UserPoolModel): string {
  const email = pool.usernameAttributes.includes('email');
  const phone = pool.usernameAttributes.includes('phone_number');
  if (email && phone) return 'Username should be either an email or a phone number.';
  return phone ? 'Username should be a phone number.' : 'Username should be an email.';
}
