/**
 * Which resource an output's value is the address of, when the local cloud does not run that resource.
 * Decided from where the value came from (recorded while the output was evaluated), not from the text
 * alone: a bucket name with dots is data, the bucket's website URL is an address, and so is a URL built
 * around the name of an HTTP API the local cloud does not serve.
 */

/** A value an output's evaluation took from a resource: `Ref` or one of its `Fn::GetAtt` attributes. */
export interface ResourceRead {
  readonly logicalId: string;
  readonly type: string;
  /** `Ref`, or the attribute's name (`WebsiteURL`, `Endpoint.Address`, ...). */
  readonly attribute: string;
  /** Undefined when the local cloud has no value for it (an attribute of a type it has no rule for). */
  readonly value: string | undefined;
}

export interface AddressOrigin {
  readonly type: string;
  readonly logicalId: string;
}

/** Attribute names CloudFormation gives to endpoints: `WebsiteURL`, `ApiEndpoint`, `DNSName`, `Endpoint.Address`... */
const ADDRESS_ATTRIBUTE = /(ur[li]|endpoint|domain(name)?|dns(name)?|address|hostname)$/i;
/** Domains under which AWS serves resources' own endpoints. */
const AWS_DOMAINS =
  /\.(amazonaws\.com|cloudfront\.net|amazoncognito\.com|on\.aws|api\.aws|awsapprunner\.com|amplifyapp\.com)\.?$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)/i;
const HOSTNAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?(:\d+)?$/i;

/**
 * The not-run resource whose address `value` is, or undefined for data (names, ARNs, ids, numbers) and for
 * addresses of what the local cloud runs. An output is such an address when it takes from a resource of
 * a type not in `supported`:
 * - an attribute the local cloud cannot even compute (nothing local stands behind it);
 * - an endpoint attribute (by its name, or a value under an AWS domain), or a `Ref` that is a URL;
 * - plain data (a `Ref`, an id) built into a URL or hostname, e.g. `https://${HttpApi}.execute-api...`.
 */
export function addressOrigin(
  value: string,
  reads: readonly ResourceRead[],
  supported: ReadonlySet<string>,
): AddressOrigin | undefined {
  const notRun = reads.filter((read) => !supported.has(read.type));
  const origin = (read: ResourceRead): AddressOrigin => ({ type: read.type, logicalId: read.logicalId });
  const endpoint = notRun.find((read) => read.value === undefined || isEndpointAttribute(read));
  if (endpoint) return origin(endpoint);
  if (!isAddress(value)) return undefined;
  const builtInto = notRun.find(
    (read) =>
      read.value !== undefined && read.value !== '' && read.value !== value && value.includes(read.value),
  );
  return builtInto && origin(builtInto);
}

function isEndpointAttribute({ attribute, value = '' }: ResourceRead): boolean {
  if (attribute === 'Ref') return URL.test(value);
  if (ADDRESS_ATTRIBUTE.test(attribute)) return true;
  const host = URL.exec(value)?.[1] ?? (HOSTNAME.test(value) ? value : '');
  return AWS_DOMAINS.test(host.replace(/:\d+$/, ''));
}

function isAddress(value: string): boolean {
  return URL.test(value) || HOSTNAME.test(value);
}
