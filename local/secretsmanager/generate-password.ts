import { randomInt } from 'node:crypto';

/**
 * `GenerateSecretString` / `GetRandomPassword` as Secrets Manager documents them: 32 characters unless
 * told otherwise, from lowercase and uppercase letters, digits and the punctuation
 * ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`` (each class can be excluded, a space included, single characters
 * excluded), with at least one character of every class in use unless `RequireEachIncludedType` is false.
 * The API reference (botocore's model) bounds the length to 1-4096. "Each included type" is, in AWS's
 * words, "at least one upper and lowercase letter, one number, and one punctuation": a space may be
 * drawn but is never required.
 */
export interface PasswordSpec {
  readonly PasswordLength?: number;
  readonly ExcludeCharacters?: string;
  readonly ExcludeLowercase?: boolean;
  readonly ExcludeUppercase?: boolean;
  readonly ExcludeNumbers?: boolean;
  readonly ExcludePunctuation?: boolean;
  readonly IncludeSpace?: boolean;
  readonly RequireEachIncludedType?: boolean;
}

const CLASSES = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  numbers: '0123456789',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  space: ' ',
} as const;

export class InvalidPasswordSpec extends Error {
  override readonly name = 'InvalidPasswordSpec';
}

/** `random(n)`: a uniform integer in [0, n); crypto's by default. */
export function generatePassword(spec: PasswordSpec, random: (n: number) => number = randomInt): string {
  const length = spec.PasswordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) {
    throw new InvalidPasswordSpec(`PasswordLength must be 1-4096, not ${length}`);
  }
  const excluded = new Set(spec.ExcludeCharacters ?? '');
  const usable = (chars: string) => [...chars].filter((c) => !excluded.has(c)).join('');
  const classes = [
    spec.ExcludeLowercase ? '' : CLASSES.lowercase,
    spec.ExcludeUppercase ? '' : CLASSES.uppercase,
    spec.ExcludeNumbers ? '' : CLASSES.numbers,
    spec.ExcludePunctuation ? '' : CLASSES.punctuation,
  ]
    .map(usable)
    .filter((chars) => chars.length > 0);
  const all = classes.join('') + (spec.IncludeSpace ? usable(CLASSES.space) : '');
  if (all.length === 0) throw new InvalidPasswordSpec('Every character is excluded');
  const requireEach = spec.RequireEachIncludedType ?? true;
  if (requireEach && length < classes.length) {
    throw new InvalidPasswordSpec(
      `PasswordLength ${length} is too short for one of each of ${classes.length} types`,
    );
  }
  const pick = (chars: string) => chars[random(chars.length)] as string;
  const chosen = [
    ...(requireEach ? classes.map(pick) : []),
    ...Array.from({ length: length - (requireEach ? classes.length : 0) }, () => pick(all)),
  ];
  // Shuffled (Fisher-Yates), so the required characters are not always first.
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chosen[i], chosen[j]] = [chosen[j] as string, chosen[i] as string];
  }
  return chosen.join('');
}
