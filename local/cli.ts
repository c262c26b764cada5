import * as path from 'node:path';
import { notEmulatedLines } from './cli/not-emulated';
import { parseCliOptions, USAGE } from './cli/options';
import { synthIfNeeded } from './cli/synth';
import { LocalCloud } from './cloud/local-cloud';
import { writeOutputsFile } from './cloud/outputs';

/**
 * The `local-cloud` bin (the shop's `npm start`): synthesize the app (when its sources changed), run it on
 * this machine, print where everything is, write the outputs file, and stop everything on Ctrl-C.
 */
async function main(): Promise<void> {
  // The SDK clients of the local cloud itself warn that SDK releases from 2027 need Node 22: a note about
  // the host, not about the app being run (functions run on the Node their Runtime declares).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // A parent that forked the bin with an IPC channel (a test, a bench) owns it: the channel closes however
  // that parent ends, SIGKILL included, and then the bin stops as on SIGTERM (exits at once while still
  // starting: its exit hooks and pipes end what it has started so far). A bin run from a shell has no
  // channel, and only signals stop it.
  let stopOnDisconnect: () => void = () => process.exit(1);
  process.once('disconnect', () => stopOnDisconnect());
  // The channel alone never keeps the bin running.
  process.channel?.unref();
  const options = parseCliOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const appDir = process.cwd();
  const assemblyDir = path.resolve(appDir, options.assemblyDir);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  synthIfNeeded(appDir, assemblyDir, options.synthContext, options.synth, say);
  const started = Date.now();
  const cloud = await LocalCloud.start({
    assemblyDir,
    host: options.host,
    apiBasePort: options.port,
    endpointPort: options.endpointPort,
    console: options.console,
    ...(options.dataDir ? { dataDir: path.resolve(appDir, options.dataDir) } : {}),
    ...(options.trace
      ? { trace: (line: string) => say(`${new Date().toISOString().slice(11, 23)}  ${line}`) }
      : {}),
  });
  writeOutputsFile(path.resolve(appDir, options.outputsFile), cloud.outputs);

  for (const line of notEmulatedLines(cloud.warnings, options.verbose)) say(line);
  say('');
  // One column for every name, however long, so the URLs line up.
  const width = Math.max(
    0,
    ...cloud.apis.map((api) => api.name.length),
    ...cloud.userPoolDomains.map((domain) => domain.prefix.length + 2),
  );
  for (const api of cloud.apis) {
    for (const url of api.stageUrls) say(`API  ${api.name.padEnd(width)} ${url}`);
  }
  for (const domain of cloud.userPoolDomains)
    say(`OAuth  ${domain.prefix.padEnd(width - 2)} ${domain.tokenUrl}`);
  say(`AWS endpoint (AWS_ENDPOINT_URL for the SDK or CLI): ${cloud.endpoint}`);
  if (cloud.consoleUrl) say(`Console  ${cloud.consoleUrl}`);
  say(`Outputs: ${path.relative(appDir, path.resolve(appDir, options.outputsFile))}`);
  say(`Data: ${options.dataDir ? path.resolve(appDir, options.dataDir) : 'in memory'}`);
  say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping...`);
    cloud.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  stopOnDisconnect = () => {
    // Its stdout and stderr were most likely pipes to that parent: writing to them fails now (EPIPE).
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    stop('parent gone');
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`local cloud: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
