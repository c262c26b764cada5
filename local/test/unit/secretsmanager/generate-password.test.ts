import fc from 'fast-check';
import {
  generatePassword,
  InvalidPasswordSpec,
  type PasswordSpec,
} from '../../../secretsmanager/generate-password';

const LOWER = /[a-z]/;
const UPPER = /[A-Z]/;
const DIGIT = /[0-9]/;
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

describe('generatePassword (GenerateSecretString, GetRandomPassword)', () => {
  it('is 32 characters of every class by default', () => {
    const password = generatePassword({});
    expect(password).toHaveLength(32);
    for (const type of [LOWER, UPPER, DIGIT, PUNCTUATION]) expect(password).toMatch(type);
    expect(password).not.toMatch(/ /);
  });

  it('keeps to any spec: its length, no excluded class or character, one of each class in use', () => {
    fc.assert(
      fc.property(
        fc.record({
          PasswordLength: fc.integer({ min: 5, max: 80 }),
          ExcludeCharacters: fc.string({ maxLength: 8 }),
          ExcludeLowercase: fc.boolean(),
          ExcludeUppercase: fc.boolean(),
          ExcludeNumbers: fc.boolean(),
          ExcludePunctuation: fc.boolean(),
          IncludeSpace: fc.boolean(),
        }),
        (spec: PasswordSpec) => {
          const classes = [
            [LOWER, spec.ExcludeLowercase],
            [UPPER, spec.ExcludeUppercase],
            [DIGIT, spec.ExcludeNumbers],
            [PUNCTUATION, spec.ExcludePunctuation],
          ] as const;
          let password: string;
          try {
            password = generatePassword(spec);
          } catch (error) {
            // Only a spec that leaves no character at all may be refused at these lengths.
            expect(error).toBeInstanceOf(InvalidPasswordSpec);
            return;
          }
          expect(password).toHaveLength(spec.PasswordLength as number);
          for (const c of spec.ExcludeCharacters ?? '') expect(password).not.toContain(c);
          for (const [type, excluded] of classes) {
            const available = [...'aA0!'].some((sample) => type.test(sample)) && !excluded;
            if (excluded) expect(password).not.toMatch(type);
            // Every class in use appears, unless all its characters were excluded one by one.
            else if (available && !allExcluded(type, spec.ExcludeCharacters ?? ''))
              expect(password).toMatch(type);
          }
          if (!spec.IncludeSpace) expect(password).not.toContain(' ');
        },
      ),
    );
  });

  it('may leave a class out when RequireEachIncludedType is false', () => {
    const fixed = () => 0; // always the first character of what it picks from
    expect(generatePassword({ PasswordLength: 6, RequireEachIncludedType: false }, fixed)).toBe('aaaaaa');
    expect(generatePassword({ PasswordLength: 4 }, fixed)).toMatch(/^[aA0!]{4}$/);
  });

  it('may draw a space with IncludeSpace but never requires one (it is not one of the included types)', () => {
    const lettersAndSpace: PasswordSpec = {
      ExcludeUppercase: true,
      ExcludeNumbers: true,
      ExcludePunctuation: true,
      IncludeSpace: true,
    };
    for (let i = 0; i < 20; i++) {
      expect(generatePassword({ ...lettersAndSpace, PasswordLength: 1 })).toMatch(/^[a-z]$/);
    }
    const last = (n: number) => n - 1; // always the last character of what it picks from: the space
    expect(generatePassword({ ...lettersAndSpace, PasswordLength: 3 }, last)).toMatch(/^[ z]{3}$/);
    expect(generatePassword({ ...lettersAndSpace, PasswordLength: 3 }, last)).toContain('z');
  });

  it.each<[string, PasswordSpec]>([
    ['a length of 0', { PasswordLength: 0 }],
    ['a length over 4096', { PasswordLength: 4097 }],
    [
      'no class left',
      { ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true },
    ],
    ['too short for one of each type', { PasswordLength: 3 }],
  ])('refuses %s', (_, spec) => {
    expect(() => generatePassword(spec)).toThrow(InvalidPasswordSpec);
  });
});

function allExcluded(type: RegExp, excluded: string): boolean {
  const members = [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  ].filter((c) => type.test(c));
  return members.every((c) => excluded.includes(c));
}
