import { reject } from './errors';
import type { ValueMatcher } from './types';

/**
 * A wildcard pattern split at its unescaped `*`s: `a*b\*c` is ["a", "b*c"]. A value matches when it starts
 * with the first literal, ends with the last and holds the ones between in order.
 */
export type WildcardLiterals = readonly string[];

/**
 * Parses a wildcard the way AWS does: `\*` is a literal star, `\\` a literal backslash, any other escape and
 * two stars in a row are errors. Positions in the messages count UTF-8 bytes from AWS's internal form of the
 * value, which starts with a quote, hence the +1.
 */
export function parseWildcard(text: string): WildcardLiterals {
  const literals: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      if (text[i + 1] === '*') reject(`Consecutive wildcard characters at pos ${bytePosition(text, i)}`);
      literals.push(current);
      current = '';
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') reject(`Invalid escape character at pos ${bytePosition(text, i)}`);
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  literals.push(current);
  return literals;
}

function bytePosition(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8') + 1;
}

export function matchesWildcard(value: string, literals: WildcardLiterals): boolean {
  const first = literals[0] ?? '';
  if (literals.length === 1) return value === first;
  const last = literals[literals.length - 1] ?? '';
  const end = value.length - last.length;
  if (end < first.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  // Leftmost placement of each middle literal is optimal: a star can always absorb what is skipped.
  let position = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const literal = literals[i] ?? '';
    const found = value.indexOf(literal, position);
    if (found < 0 || found + literal.length > end) return false;
    position = found + literal.length;
  }
  return true;
}

export function wildcardMatcher(text: string): ValueMatcher {
  const literals = parseWildcard(text);
  return (value) => typeof value === 'string' && matchesWildcard(value, literals);
}

/**
 * AWS rejects rules whose wildcards make matching expensive: it walks the byte automaton of all the wildcard
 * patterns of one field and fails when some input keeps too many pattern states alive at once (event-ruler's
 * MachineComplexityEvaluator). AWS does not publish its threshold; 10 sits between the weights of the
 * recorded cases, 11 for the rejected `*:*:*:*:*:event-bus/*` and 7 for the accepted repeating pattern of
 * content_wildcard_repeating.
 */
const MAX_COMPLEXITY = 10;
/** Past this many distinct automaton state sets the rule is complex by any measure. */
const MAX_EXPLORED_SETS = 5000;
const STAR = -1;
const OTHER_BYTE = -2;

interface AutomatonState {
  readonly onByte: Map<number, number[]>;
  /** The star state this state enters on any byte (a star's own state loops on itself). */
  onAnyByte: number | undefined;
}

export function checkWildcardComplexity(patterns: readonly string[]): void {
  if (patterns.length > 0 && wildcardComplexity(patterns) > MAX_COMPLEXITY) {
    reject(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  }
}

/**
 * Builds one automaton per pattern the way event-ruler lays out its byte machine (the value quoted, a star
 * as its own self-looping state that can also be skipped), then explores every set of states some input
 * can reach. A set's weight is its size plus the star states one byte ahead, as event-ruler counts it.
 */
export function wildcardComplexity(patterns: readonly string[]): number {
  const states: AutomatonState[] = [];
  const newState = (): number => states.push({ onByte: new Map(), onAnyByte: undefined }) - 1;
  const starts: number[] = [];
  const alphabet = new Set<number>([OTHER_BYTE]);
  for (const pattern of patterns) {
    const tokens = automatonTokens(pattern);
    let current = newState();
    starts.push(current);
    let beforeStar = -1;
    for (const [i, token] of tokens.entries()) {
      const next = newState();
      if (token === STAR) {
        at(states, current).onAnyByte = next;
        at(states, next).onAnyByte = next;
        beforeStar = current;
      } else {
        alphabet.add(token);
        addByteEdge(at(states, current), token, next);
        if (tokens[i - 1] === STAR) addByteEdge(at(states, beforeStar), token, next); // the star matched nothing
      }
      current = next;
    }
  }

  let worst = 0;
  const seen = new Set<string>();
  const pending: number[][] = [starts];
  while (pending.length > 0) {
    const active = pending.pop() ?? [];
    for (const byte of alphabet) {
      const reached = new Set<number>();
      for (const id of active) {
        const state = at(states, id);
        if (state.onAnyByte !== undefined) reached.add(state.onAnyByte);
        for (const target of state.onByte.get(byte) ?? []) reached.add(target);
      }
      if (reached.size === 0) continue;
      let weight = reached.size;
      for (const id of reached) {
        const star = at(states, id).onAnyByte;
        if (star !== undefined && !reached.has(star)) weight++;
      }
      if (weight > MAX_COMPLEXITY) return weight;
      worst = Math.max(worst, weight);
      const next = [...reached].sort((a, b) => a - b);
      const key = next.join(',');
      if (seen.has(key)) continue;
      if (seen.size >= MAX_EXPLORED_SETS) return Number.POSITIVE_INFINITY;
      seen.add(key);
      pending.push(next);
    }
  }
  return worst;
}

function at(states: AutomatonState[], id: number): AutomatonState {
  const state = states[id];
  if (state === undefined) throw new Error(`wildcard automaton has no state ${id}`);
  return state;
}

function addByteEdge(state: AutomatonState, byte: number, target: number): void {
  const targets = state.onByte.get(byte);
  if (targets === undefined) state.onByte.set(byte, [target]);
  else targets.push(target);
}

/** UTF-8 bytes of the quoted value, with STAR for each wildcard. */
function automatonTokens(pattern: string): number[] {
  const quote = 0x22;
  const tokens = [quote];
  for (const [i, literal] of parseWildcard(pattern).entries()) {
    if (i > 0) tokens.push(STAR);
    tokens.push(...Buffer.from(literal, 'utf8'));
  }
  tokens.push(quote);
  return tokens;
}
