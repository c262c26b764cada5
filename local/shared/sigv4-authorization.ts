/** The parts of a SigV4 `Authorization` header, as the AWS SDKs and CLI sign a request. */
export interface SigV4Authorization {
  readonly accessKey: string;
  /** `yyyymmdd` of the credential scope. */
  readonly day: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/** The header's parts, or undefined when it is not an `AWS4-HMAC-SHA256` signature. */
export function parseSigV4Authorization(header: string): SigV4Authorization | undefined {
  const parts = AUTHORIZATION.exec(header.trim());
  if (!parts) return undefined;
  // Every group is required by the pattern: a match has them all.
  const [, accessKey = '', day = '', region = '', service = '', signedHeaders = '', signature = ''] = parts;
  return { accessKey, day, region, service, signedHeaders, signature };
}
