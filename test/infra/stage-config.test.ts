import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { STAGE_NAMES, STAGES, stageConfig } from '../../lib/config/stage-config';

/** The configuration as plain JSON: durations as human strings, enums as their string or number values. */
function plain(value: unknown): unknown {
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, plain(member)]));
  }
  return value;
}

describe('per-stage configuration', () => {
  it('is, for every stage, exactly this (review any change to this snapshot)', () => {
    expect(plain(STAGES)).toMatchSnapshot();
  });

  it('has one entry per stage name, each naming its own stage', () => {
    expect(Object.keys(STAGES)).toEqual([...STAGE_NAMES]);
    for (const name of STAGE_NAMES) expect(STAGES[name].stage).toBe(name);
  });

  it('gives every stage its own stack prefix, so stages can share an account', () => {
    const prefixes = STAGE_NAMES.map((name) => STAGES[name].stackPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(STAGE_NAMES)(
    '%s: functions time out well before the 29 s API Gateway integration timeout',
    (name) => {
      expect(STAGES[name].api.functionTimeout.toSeconds()).toBeLessThan(29);
    },
  );

  it.each(STAGE_NAMES)('%s: CORS origins are exact origins, and https outside local development', (name) => {
    for (const origin of STAGES[name].api.corsOrigins) {
      expect(new URL(origin).origin).toBe(origin);
      if (name === 'prod') expect(origin).toMatch(/^https:\/\//);
      else expect(origin).toMatch(/^https:\/\/|^http:\/\/localhost:\d+$/);
    }
  });

  it('prod keeps its data and logs, is deletion-protected and exposes no test hooks', () => {
    const { data, logs, testHooks } = STAGES.prod;
    expect(data).toEqual({
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      pointInTimeRecovery: true,
    });
    expect(logs.removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(testHooks).toBe(false);
  });
});

describe('stageConfig', () => {
  it.each(STAGE_NAMES)('returns the configuration of %s', (name) => {
    expect(stageConfig(name)).toBe(STAGES[name]);
  });

  it.each([['nope'], [undefined], [''], ['PROD']])('rejects %p, listing the valid stages', (name) => {
    expect(() => stageConfig(name)).toThrow('use -c stage=local|dev|prod');
  });
});
