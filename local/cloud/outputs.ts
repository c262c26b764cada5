import { writeFileSync } from 'node:fs';

export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** An API's AWS address and the local listener that stands in for it. */
export interface ApiAddress {
  readonly apiId: string;
  /** `http://host:port`; a WebSocket API's `wss://` address becomes the same with `ws://`. */
  readonly localBaseUrl: string;
}

/** A user pool domain prefix and the local URL that serves it (its token endpoint hangs below). */
export interface UserPoolDomainAddress {
  readonly prefix: string;
  readonly localBaseUrl: string;
}

/** The AWS addresses the local cloud serves elsewhere. */
export interface LocalAddresses {
  readonly apis: readonly ApiAddress[];
  readonly userPoolDomains: readonly UserPoolDomainAddress[];
}

/**
 * Stack outputs with every execute-api URL and user pool domain URL pointed at its local stand-in, so a
 * client reading the outputs file needs no special case for local.
 */
export function localizeOutputs(
  outputs: StackOutputs,
  addresses: LocalAddresses,
  region: string,
  urlSuffix: string,
): StackOutputs {
  const rewrite = localizeUrls(addresses, region, urlSuffix);
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
 * Rewrites AWS URLs in a text to their local stand-ins: for outputs, and for function environments (a
 * function calling another service's API, or fetching a token, must reach the local one).
 *
 * - `https://<apiId>.execute-api.<region>.<suffix>` (a stage URL, or an HTTP API's `ApiEndpoint`) -> the
 *   API's listener (`http://host:port`); for a WebSocket API that is its `@connections` API's base, as on
 *   AWS, where the same host serves both; `wss://<apiId>.execute-api...` (its `ApiEndpoint`, its stage
 *   URLs) -> `ws://host:port`;
 * - `https://<prefix>.auth.<any region>.amazoncognito.com` -> the endpoint path serving that domain. The
 *   region is not fixed there: CDK writes the stack's own region into `domain.baseUrl()`.
 */
export function localizeUrls(
  addresses: LocalAddresses,
  region: string,
  urlSuffix: string,
): (value: string) => string {
  return (value) => {
    const withApis = addresses.apis.reduce((text, api) => {
      const host = `${api.apiId}.execute-api.${region}.${urlSuffix}`;
      // Without the slash: an HTTP API's `ApiEndpoint` has none; a stage URL keeps its own.
      return text
        .split(`https://${host}`)
        .join(api.localBaseUrl)
        .split(`wss://${host}`)
        .join(api.localBaseUrl.replace(/^http/, 'ws'));
    }, value);
    return addresses.userPoolDomains.reduce(
      (text, domain) =>
        text.replace(
          new RegExp(`https://${escapeRegExp(domain.prefix)}\\.auth\\.[a-z0-9-]+\\.amazoncognito\\.com`, 'g'),
          domain.localBaseUrl,
        ),
      withApis,
    );
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
