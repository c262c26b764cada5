import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import {
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
} from '../../../lambdas/shared/errors';
import { problemFor } from '../../../lambdas/shared/http/problem';

const map = (error: unknown) => problemFor(error, '/orders', 'corr-1');

describe('problemFor', () => {
  it.each([
    [new InvalidRequestError('bad'), 400, 'invalid-request'],
    [new NotFoundError('gone'), 404, 'not-found'],
    [new ConflictError('taken'), 409, 'conflict'],
    [new PayloadTooLargeError('big'), 413, 'payload-too-large'],
  ])('maps %p to %i', (error, status, slug) => {
    const { problem, headers } = map(error);
    expect(problem).toEqual({
      type: `https://shop.example/problems/${slug}`,
      title: expect.any(String),
      status,
      detail: (error as Error).message,
      instance: '/orders',
      correlationId: 'corr-1',
    });
    expect(headers).toEqual({});
  });

  it('lists field errors of an invalid request', () => {
    const { problem } = map(new InvalidRequestError('bad', [{ path: 'items', message: 'too short' }]));
    expect(problem.errors).toEqual([{ path: 'items', message: 'too short' }]);
  });

  it('maps a reused idempotency key with another body to 422', () => {
    const { problem } = map(new IdempotencyValidationError('payload mismatch'));
    expect(problem.status).toBe(422);
    expect(problem.type).toBe('https://shop.example/problems/idempotency-key-reused');
  });

  it('maps a request still in flight to 409 with Retry-After', () => {
    const { problem, headers } = map(new IdempotencyAlreadyInProgressError('in progress'));
    expect(problem.status).toBe(409);
    expect(problem.type).toBe('https://shop.example/problems/request-in-flight');
    expect(headers).toEqual({ 'Retry-After': '2' });
  });

  it('turns anything else into a bare 500 that leaks nothing', () => {
    const error = Object.assign(new Error('Requested resource not found: Table: secret-table-name'), {
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    const { problem } = map(error);
    expect(problem.status).toBe(500);
    expect(problem.detail).toContain('corr-1');
    const text = JSON.stringify(problem);
    expect(text).not.toMatch(/secret-table-name|ResourceNotFoundException|at .*\.ts/);
  });
});
