import * as z from 'zod/mini';
import type { Trace } from '../../shared/outbox/outbox';
import {
  COMPENSATION_CAUSES,
  type CompensationCause,
  CURRENCIES,
  SAGA_STYLES,
  type SagaStyle,
} from './vocabulary';

/**
 * Fields every service's events about an order share, in one place so that they are written alike:
 * which order, how the step was driven, why a step was undone, and an amount of money.
 */
export const orderEventFields = {
  orderId: z.string().check(z.minLength(1)),
  /**
   * What drove this step: the place-order saga's state machine (or the stuck-order sweeper, calling the
   * same functions), or the event before it. Rules of the choreography match only `choreography`.
   */
  sagaStyle: z.enum(SAGA_STYLES),
};

/** The order every service's catalogue examples are about, so that they read as one story. */
export const EXAMPLE_ORDER_ID = '3f2b8c1e-9a4d-4e7b-8f6a-2c5d1e0b9a87';

export const compensationCauseSchema = z.enum(COMPENSATION_CAUSES);

export const moneySchema = z.object({
  amount: z.number().check(z.minimum(0)),
  currency: z.enum(CURRENCIES),
});

/**
 * What a service's step for an order is told besides its input, for the events it writes: the order's
 * correlation id, what caused the step, how it was driven and, for a compensation, why.
 */
export interface StepContext extends Trace {
  readonly sagaStyle: SagaStyle;
  readonly cause?: CompensationCause;
}
