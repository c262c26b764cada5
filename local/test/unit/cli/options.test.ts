import { notEmulatedLines } from '../../../cli/not-emulated';
import { parseCliOptions } from '../../../cli/options';

describe('the bin’s options', () => {
  it('defaults to a quiet start on the usual ports, in memory, with the console', () => {
    expect(parseCliOptions([])).toEqual({
      assemblyDir: 'cdk.out',
      synthContext: [],
      synth: 'auto',
      trace: false,
      verbose: false,
      console: true,
      port: 4567,
      endpointPort: 4566,
      host: '127.0.0.1',
      outputsFile: 'cdk-outputs.local.json',
    });
  });

  it('reads each option, and refuses what it does not know or a port out of range', () => {
    expect(
      parseCliOptions([
        '-c',
        'stage=local',
        '--verbose',
        '--trace',
        '--no-console',
        '--no-synth',
        '--port',
        '0',
      ]),
    ).toMatchObject({
      synthContext: ['stage=local'],
      verbose: true,
      trace: true,
      console: false,
      synth: 'never',
      port: 0,
    });
    expect(parseCliOptions(['--help'])).toBe('help');
    expect(() => parseCliOptions(['--verbos'])).toThrow(/Unknown option '--verbos'/);
    expect(() => parseCliOptions(['--port', '70000'])).toThrow('--port must be 0-65535, got 70000');
  });
});

describe('what the start says is not emulated', () => {
  const warnings = ['A enables X-Ray tracing', 'B encrypts cached data', 'C has a cache cluster'];

  it('counts the settings in one line, and lists them one per line with --verbose', () => {
    expect(notEmulatedLines(warnings, false)).toEqual([
      'Not emulated: 3 template settings accepted without effect here (--verbose lists them).',
    ]);
    expect(notEmulatedLines(warnings.slice(0, 1), false)).toEqual([
      'Not emulated: 1 template setting accepted without effect here (--verbose lists them).',
    ]);
    expect(notEmulatedLines(warnings, true)).toEqual(warnings.map((warning) => `not emulated: ${warning}`));
  });

  it('says nothing when everything is emulated', () => {
    expect(notEmulatedLines([], false)).toEqual([]);
    expect(notEmulatedLines([], true)).toEqual([]);
  });
});
