import { ConfigError, readConfig } from '../../../lambdas/shared/config';

describe('readConfig', () => {
  it('returns the named variables', () => {
    const config = readConfig(['A', 'B'], { A: 'one', B: 'two', C: 'ignored' });
    expect(config).toEqual({ A: 'one', B: 'two' });
  });

  it('fails fast naming every missing or blank variable at once', () => {
    expect(() => readConfig(['A', 'B', 'C'], { A: 'one', B: '  ' })).toThrow(
      new ConfigError('Missing required environment variable(s): B, C'),
    );
  });

  it('returns a frozen object so no handler can change its configuration later', () => {
    expect(Object.isFrozen(readConfig(['A'], { A: 'x' }))).toBe(true);
  });
});
