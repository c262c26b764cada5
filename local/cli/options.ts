import { parseArgs } from 'node:util';

export interface CliOptions {
  readonly assemblyDir: string;
  /** `-c key=value` pairs passed to `cdk synth`; none means the assembly is used as it is. */
  readonly synthContext: readonly string[];
  readonly synth: 'auto' | 'always' | 'never';
  readonly dataDir?: string;
  readonly trace: boolean;
  /** List every template setting that is accepted but not emulated, rather than their count. */
  readonly verbose: boolean;
  /** The console web page on the AWS endpoint (`--no-console` turns it off). */
  readonly console: boolean;
  readonly port: number;
  readonly endpointPort: number;
  readonly host: string;
  readonly outputsFile: string;
}

export const USAGE = `Usage: local-cloud [options]

Runs a synthesized AWS CDK app (a cloud assembly) on this machine: its REST, HTTP and WebSocket APIs,
functions, tables, streams, queues, topics, buses, state machines, user pools and secrets, one AWS
endpoint for the SDK and CLI, and a console in the browser. Run it in the
app's directory (where cdk.json is) to synthesize with the app's own \`cdk synth\` first, or point
--assembly at any cdk.out.

  --assembly DIR            the cloud assembly to run (default cdk.out)
  --context, -c key=value   context for \`cdk synth\` (repeatable), e.g. -c stage=local
  --synth / --no-synth      always re-synthesize / never (default: when cdk.json is here and sources changed)
  --data-dir DIR            keep data across restarts (default: in memory)
  --trace                   print a timeline: requests, invocations, function logs
  --verbose                 list each template setting accepted but not emulated (default: their count)
  --no-console              do not serve the console (a web page on the AWS endpoint, /_console/)
  --port N                  first port for the API listeners (default 4567; 0 = any free port)
  --endpoint-port N         port of the local AWS endpoint (default 4566; 0 = any free port)
  --host HOST               address to listen on (default 127.0.0.1)
  --outputs-file FILE       where to write the stack outputs (default cdk-outputs.local.json)
`;

export function parseCliOptions(argv: readonly string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      context: { type: 'string', short: 'c', multiple: true },
      assembly: { type: 'string', default: 'cdk.out' },
      synth: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      'data-dir': { type: 'string' },
      trace: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'no-console': { type: 'boolean', default: false },
      port: { type: 'string', default: '4567' },
      'endpoint-port': { type: 'string', default: '4566' },
      host: { type: 'string', default: '127.0.0.1' },
      'outputs-file': { type: 'string', default: 'cdk-outputs.local.json' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const port = portOption('--port', values.port);
  const endpointPort = portOption('--endpoint-port', values['endpoint-port']);
  return {
    assemblyDir: values.assembly,
    synthContext: values.context ?? [],
    synth: values['no-synth'] ? 'never' : values.synth ? 'always' : 'auto',
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    trace: values.trace,
    verbose: values.verbose,
    console: !values['no-console'],
    port,
    endpointPort,
    host: values.host,
    outputsFile: values['outputs-file'],
  };
}

function portOption(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be 0-65535, got ${value}`);
  return port;
}
