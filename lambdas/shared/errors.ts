/**
 * Errors a use case may raise on purpose. Domain and use-case code throw these; the HTTP layer maps each
 * kind to a status in exactly one place (`http/problem.ts`). Nothing here knows about HTTP or AWS.
 */
export type ErrorKind =
  | 'invalid-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'conflict-retry-later'
  | 'unprocessable'
  | 'payload-too-large'
  | 'unavailable';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
}

export class InvalidRequestError extends AppError {
  override readonly name: string = 'InvalidRequestError';
  readonly kind = 'invalid-request';
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** The caller did not prove who it is (no credential, or a wrong one). */
export class UnauthenticatedError extends AppError {
  override readonly name: string = 'UnauthenticatedError';
  readonly kind = 'unauthenticated';
}

/** The caller proved who it is, but may not do this. */
export class ForbiddenError extends AppError {
  override readonly name: string = 'ForbiddenError';
  readonly kind = 'forbidden';
}

export class NotFoundError extends AppError {
  override readonly name: string = 'NotFoundError';
  readonly kind = 'not-found';
}

export class ConflictError extends AppError {
  override readonly name: string = 'ConflictError';
  readonly kind = 'conflict';
}

/**
 * A conflict with a state that is about to change by itself (an order still being fulfilled): the same
 * request, sent again a little later, may succeed.
 */
export class RetryLaterConflictError extends AppError {
  override readonly name: string = 'RetryLaterConflictError';
  readonly kind = 'conflict-retry-later';
}

/**
 * A well-formed request that refers to something that does not exist or cannot be used (an order for an
 * unknown customer): retrying it unchanged cannot succeed.
 */
export class UnprocessableError extends AppError {
  override readonly name: string = 'UnprocessableError';
  readonly kind = 'unprocessable';
}

export class PayloadTooLargeError extends AppError {
  override readonly name: string = 'PayloadTooLargeError';
  readonly kind = 'payload-too-large';
}

/** A dependency is unavailable for now; the request may succeed if retried later. */
export class ServiceUnavailableError extends AppError {
  override readonly name: string = 'ServiceUnavailableError';
  readonly kind = 'unavailable';
}
