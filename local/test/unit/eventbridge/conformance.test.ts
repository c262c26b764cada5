import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import { compileEventPattern, InvalidEventPatternError, matches } from '../../../eventbridge/pattern';

/**
 * The AWS-recorded conformance cases are committed with the local cloud (see their README for provenance
 * and licence). A missing folder fails the suite: passing by finding nothing to check would be a test that
 * cannot fail.
 */
const conformanceDir = path.resolve(__dirname, '..', '..', 'conformance', 'eventbridge-patterns');
const casesDir = path.join(conformanceDir, 'cases');
if (!existsSync(casesDir)) {
  throw new Error(`EventBridge pattern conformance cases not found at ${casesDir}`);
}

/**
 * The README's count, which includes the raw-text pair (one case in two .json files): a truncated copy of
 * the folder must not pass as conformance.
 */
const DOCUMENTED_CASES = 156;

type Outcome = 'match' | 'no match' | 'invalid pattern';

function outcomeOf(file: string): Outcome {
  if (file.endsWith('_EXC.json5')) return 'invalid pattern';
  if (file.endsWith('_NEG.json5')) return 'no match';
  return 'match';
}

interface Case {
  readonly Event: object;
  readonly EventPattern: object;
}

const files = readdirSync(casesDir)
  .filter((file) => file.endsWith('.json5'))
  .sort();

describe('EventBridge pattern conformance (AWS-recorded cases)', () => {
  it('finds every documented case', () => {
    const rawTextPair = existsSync(path.join(casesDir, 'complex_multi_key_event_pattern.json')) ? 1 : 0;
    expect(files.length + rawTextPair).toBeGreaterThanOrEqual(DOCUMENTED_CASES);
  });

  it.each(files.map((file) => [file, outcomeOf(file)] as const))('%s: %s', (file, outcome) => {
    const { Event, EventPattern } = JSON5.parse<Case>(readFileSync(path.join(casesDir, file), 'utf8'));
    if (outcome === 'invalid pattern') {
      expect(() => compileEventPattern(EventPattern)).toThrow(InvalidEventPatternError);
      return;
    }
    expect(matches(compileEventPattern(EventPattern), Event)).toBe(outcome === 'match');
  });

  it('parses a repeated key in the raw pattern text without collapsing it (complex_multi_key pair: match)', () => {
    const patternText = readFileSync(path.join(casesDir, 'complex_multi_key_event_pattern.json'), 'utf8');
    const eventText = readFileSync(path.join(casesDir, 'complex_multi_key_event.json'), 'utf8');
    // The text really repeats the key: JSON.parse would keep only one of the two lists.
    expect(patternText.match(/"location"/g)).toHaveLength(2);
    expect(matches(compileEventPattern(patternText), eventText)).toBe(true);
  });
});

describe('EventBridge facts recorded in the conformance README', () => {
  it('matches "*" and "\\" exactly: outside wildcard, neither character is special', () => {
    const pattern = String.raw`{"detail": {"escape_star": ["*"], "escape_backslash": ["\\"]}}`;
    const event = String.raw`{"id": "1", "source": "test-source", "detail-type": "test-detail-type", "account": "123456789012", "region": "us-east-2", "time": "2022-07-13T13:48:01Z", "detail": {"escape_star": "*", "escape_backslash": "\\"}}`;
    const compiled = compileEventPattern(pattern);
    expect(matches(compiled, event)).toBe(true);
    expect(matches(compiled, { detail: { escape_star: 'anything', escape_backslash: '\\' } })).toBe(false);
  });

  it('matches source and detail-type, and not another source', () => {
    const compiled = compileEventPattern({ source: ['order'], 'detail-type': ['Test'] });
    const event = {
      id: '1',
      source: 'order',
      'detail-type': 'Test',
      account: '123456789012',
      region: 'us-east-1',
      time: '2024-07-11T13:55:39Z',
    };
    expect(matches(compiled, event)).toBe(true);
    expect(matches(compiled, { ...event, source: 'shipment' })).toBe(false);
  });
});
