import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { AppError, type ErrorKind, type FieldError, InvalidRequestError } from '../errors';
import { PROBLEM_TYPE_BASE } from './problem-type';

export { PROBLEM_TYPE_BASE } from './problem-type';

/** RFC 9457 problem details. `type` is a stable identifier clients may switch on. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly correlationId: string;
  readonly errors?: readonly FieldError[];
}

export interface ProblemMapping {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** How long a client should wait before retrying a request whose twin is still in flight. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 2;
/** How long before a state that is changing by itself (an order being fulfilled) is worth asking again. */
export const SETTLING_RETRY_AFTER_SECONDS = 5;

const BY_KIND: Record<ErrorKind, ProblemMapping> = {
  'invalid-request': { status: 400, slug: 'invalid-request', title: 'The request is not valid' },
  unauthenticated: {
    status: 401,
    slug: 'unauthorized',
    title: 'Authentication is required',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  forbidden: { status: 403, slug: 'forbidden', title: 'The caller may not do this' },
  'not-found': { status: 404, slug: 'not-found', title: 'The resource does not exist' },
  conflict: { status: 409, slug: 'conflict', title: 'The request conflicts with the current state' },
  'conflict-retry-later': {
    status: 409,
    slug: 'not-yet',
    title: 'The request conflicts with a state that is still changing',
    headers: { 'Retry-After': String(SETTLING_RETRY_AFTER_SECONDS) },
  },
  unprocessable: {
    status: 422,
    slug: 'unprocessable-request',
    title: 'The request refers to something that cannot be used',
  },
  'payload-too-large': { status: 413, slug: 'payload-too-large', title: 'The request body is too large' },
  unavailable: {
    status: 503,
    slug: 'unavailable',
    title: 'The service is unavailable for now',
    headers: { 'Retry-After': String(IN_FLIGHT_RETRY_AFTER_SECONDS) },
  },
};

const IDEMPOTENCY_KEY_REUSED: ProblemMapping = {
  status: 422,
  slug: 'idempotency-key-reused',
  title: 'The idempotency key was already used with a different request',
};
const REQUEST_IN_FLIGHT: ProblemMapping = {
  status: 409,
  slug: 'request-in-flight',
  title: 'A request with this idempotency key is still being processed',
  headers: { 'Retry-After': String(IN_FLIGHT_RETRY_AFTER_SECONDS) },
};
const INTERNAL: ProblemMapping = {
  status: 500,
  slug: 'internal-error',
  title: 'Internal error',
};

/** The one place that decides which error becomes which status. Anything unexpected is a bare 500. */
export function problemFor(
  error: unknown,
  instance: string,
  correlationId: string,
): { problem: Problem; headers: Readonly<Record<string, string>> } {
  const { mapping, detail } = classify(error, correlationId);
  const problem: Problem = {
    type: PROBLEM_TYPE_BASE + mapping.slug,
    title: mapping.title,
    status: mapping.status,
    detail,
    instance,
    correlationId,
    ...(error instanceof InvalidRequestError && error.errors.length > 0 ? { errors: error.errors } : {}),
  };
  return { problem, headers: mapping.headers ?? {} };
}

function classify(error: unknown, correlationId: string): { mapping: ProblemMapping; detail: string } {
  if (error instanceof AppError) return { mapping: BY_KIND[error.kind], detail: error.message };
  if (error instanceof IdempotencyValidationError) {
    return {
      mapping: IDEMPOTENCY_KEY_REUSED,
      detail: 'Send a new Idempotency-Key for a different request body.',
    };
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return {
      mapping: REQUEST_IN_FLIGHT,
      detail: `Retry after ${IN_FLIGHT_RETRY_AFTER_SECONDS} seconds to get the original response.`,
    };
  }
  // Nothing internal leaks: no message, stack, SDK error name or resource name.
  return {
    mapping: INTERNAL,
    detail: `The request could not be completed. Quote correlation id ${correlationId} when reporting it.`,
  };
}

export function isServerError(problem: Problem): boolean {
  return problem.status >= 500;
}
