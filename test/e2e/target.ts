import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Where the end-to-end suite points: the outputs file that `cdk deploy --outputs-file` writes (and the
 * local cloud writes in the same shape). `E2E_TARGET` names the target for messages; `E2E_OUTPUTS_FILE`
 * says where its outputs are.
 */
export type Outputs = Record<string, Record<string, string>>;

export const E2E_TARGET = process.env.E2E_TARGET ?? 'local';
export const OUTPUTS_FILE = path.resolve(process.env.E2E_OUTPUTS_FILE ?? 'cdk-outputs.local.json');

export function readOutputs(file = OUTPUTS_FILE): Outputs {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Outputs;
  } catch (error) {
    throw new Error(`No outputs for E2E_TARGET=${E2E_TARGET} at ${file}: ${String(error)}`);
  }
}

/** The one output of that name across all stacks (stack names carry the stage, output keys do not). */
export function output(key: string, outputs: Outputs = readOutputs()): string {
  const found = Object.values(outputs).flatMap((stack) => (stack[key] === undefined ? [] : [stack[key]]));
  if (found.length !== 1)
    throw new Error(`Expected exactly one output ${key}, found ${found.length} in ${OUTPUTS_FILE}`);
  return E2E_TARGET === 'localstack' ? viaLocalStack(found[0] as string) : (found[0] as string);
}

/**
 * LocalStack serves an API at `<id>.execute-api.localhost.localstack.cloud:4566`, but a template's URL
 * output is built from AWS::URLSuffix and may still say amazonaws.com: point such a URL at LocalStack.
 */
function viaLocalStack(url: string): string {
  return url.replace(
    /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\//,
    'http://$1.execute-api.localhost.localstack.cloud:4566/',
  );
}
