import { writeFileSync } from 'node:fs';

export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** An API's AWS address and the local listener that stands in for it. */
export interface ApiAddress {
  readonly apiId: string;
  readonly localBaseUrl: string;
}

/**
 * Stack outputs with every execute-api URL (`https://<apiId>.execute-api.<region>.<suffix>/`) pointed at the
 * API's local listener instead, so a client reading the outputs file needs no special case for local.
 */
export function localizeOutputs(
  outputs: StackOutputs,
  apis: readonly ApiAddress[],
  region: string,
  urlSuffix: string,
): StackOutputs {
  const rewrite = localizeApiUrls(apis, region, urlSuffix);
  return Object.fromEntries(
    Object.entries(outputs).map(([stack, values]) => [
      stack,
      Object.fromEntries(Object.entries(values).map(([key, value]) => [key, rewrite(value)])),
    ]),
  );
}

/** Writes the outputs in the shape `cdk deploy --outputs-file` uses: `{ stackName: { outputKey: value } }`. */
export function writeOutputsFile(file: string, outputs: StackOutputs): void {
  writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
}

/**
 * Rewrites every execute-api URL in a text to the API's local listener: for outputs, and for function
 * environments (a function calling another service's API must reach its local stand-in).
 */
export function localizeApiUrls(
  apis: readonly ApiAddress[],
  region: string,
  urlSuffix: string,
): (value: string) => string {
  return (value) =>
    apis.reduce(
      (text, api) =>
        text.split(`https://${api.apiId}.execute-api.${region}.${urlSuffix}/`).join(`${api.localBaseUrl}/`),
      value,
    );
}
