/**
 * The AWS SDK warns that its releases from January 2027 need Node 22, once per process, when this
 * process runs on Node 20. The benchmarks use the SDK as a client of the local cloud: the notice says
 * nothing about what they measure, so each entry point silences it before its first client.
 */
export function silenceHostNodeNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
