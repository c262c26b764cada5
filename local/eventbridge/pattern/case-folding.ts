/**
 * Case-insensitive comparison as EventBridge does it: a pattern character matches its lower- and its
 * upper-case forms. Comparing both foldings (not just the lower-case one) keeps characters whose case forms
 * differ in length, like "ß" and "SS", equal.
 */
export interface Folded {
  readonly lower: string;
  readonly upper: string;
}

export function fold(text: string): Folded {
  return { lower: text.toLowerCase(), upper: text.toUpperCase() };
}

export function equalsIgnoringCase(value: string, expected: Folded): boolean {
  return value.toLowerCase() === expected.lower || value.toUpperCase() === expected.upper;
}

export function startsWithIgnoringCase(value: string, prefix: Folded): boolean {
  return value.toLowerCase().startsWith(prefix.lower) || value.toUpperCase().startsWith(prefix.upper);
}

export function endsWithIgnoringCase(value: string, suffix: Folded): boolean {
  return value.toLowerCase().endsWith(suffix.lower) || value.toUpperCase().endsWith(suffix.upper);
}
