import { ServiceUnavailableError } from '../../shared/errors';
import { PROBLEM_TYPE_BASE } from '../../shared/http/problem-type';
import type { PartFailure } from '../composition/compose';
import type { PartName, PartProblem } from './order-parts';

/** The service each part comes from, as a reader of `partial` knows it. */
export const PART_SERVICES: Readonly<Record<PartName, string>> = {
  customer: 'customers',
  payment: 'payments',
  shipment: 'shipping',
};

/**
 * A backend that cannot answer for now (no answer, 5xx, throttled, an answer of an unknown shape), in
 * words fit for a client (no internals): a part named in `partial`, or a 503 for a command.
 */
export class BackendFailure extends ServiceUnavailableError {
  override readonly name: string = 'BackendFailure';
}

/**
 * Why a part is missing, as problem details (RFC 9457) a client can switch on by `type`: late (504),
 * its service's circuit open (503), or its service failing (502). The detail never carries internals:
 * an adapter's BackendFailure says what the service answered, anything else is "unexpected".
 */
export function partProblem(part: PartName, failure: PartFailure): PartProblem {
  const service = PART_SERVICES[part];
  switch (failure.kind) {
    case 'late':
      return {
        type: `${PROBLEM_TYPE_BASE}part-late`,
        title: 'A part of the answer was late',
        status: 504,
        detail: `The ${service} service did not answer within ${failure.afterMs} ms.`,
      };
    case 'circuit-open':
      return {
        type: `${PROBLEM_TYPE_BASE}part-unavailable`,
        title: 'A part of the answer is unavailable for now',
        status: 503,
        detail: `The ${service} service is failing; it is not asked again for ${Math.ceil(failure.retryAfterMs / 1000)} s.`,
      };
    case 'failed':
      return {
        type: `${PROBLEM_TYPE_BASE}part-failed`,
        title: 'A part of the answer failed',
        status: 502,
        detail:
          failure.error instanceof BackendFailure
            ? failure.error.message
            : `The ${service} service answered unexpectedly.`,
      };
  }
}
