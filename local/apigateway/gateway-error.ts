/**
 * An error API Gateway answers itself, with a gateway response (the request never reaches, or came back
 * broken from, the integration). `responseType` is one of API Gateway's gateway response types.
 */
export class GatewayError extends Error {
  constructor(
    readonly responseType: string,
    /** `$context.error.message`; `null` is what API Gateway reports for authorizer failures. */
    readonly errorMessage: string | null,
    readonly options: {
      /** A status that differs from the type's default (a malformed Lambda result is a DEFAULT_5XX with 502). */
      readonly statusCode?: number;
      /** `$context.error.validationErrorString`. */
      readonly validationErrorString?: string;
    } = {},
  ) {
    super(`${responseType}: ${errorMessage ?? 'null'}`);
    this.name = 'GatewayError';
  }
}
