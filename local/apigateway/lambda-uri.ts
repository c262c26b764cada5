/**
 * Lambda integrations and authorizers name their function through an API Gateway service URI:
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations`.
 */
const LAMBDA_INVOCATIONS = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations\/?$/;

/** The function ARN inside a Lambda invocation URI, or undefined when the URI targets something else. */
export function functionArnFromUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  return LAMBDA_INVOCATIONS.exec(uri)?.[1];
}
