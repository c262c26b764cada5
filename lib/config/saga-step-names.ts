import type { StageConfig } from './stage-config';

/**
 * The functions the place-order saga invokes, by fixed name per stage. The services name their step
 * functions with these and the saga refers to them by name: no cross-stack exports (which would pin each
 * function's ARN in another stack), and grants on exactly these ARNs.
 */
export const SAGA_STEPS = [
  'LoadOrderStatus',
  'ReserveInventory',
  'ReleaseInventory',
  'ChargePayment',
  'RefundPayment',
  'ScheduleShipment',
  'CancelShipment',
  'ConfirmOrder',
  'RejectOrder',
] as const;

export type SagaStep = (typeof SAGA_STEPS)[number];

export function sagaStepFunctionName(config: StageConfig, step: SagaStep): string {
  return `${config.stackPrefix}-${step}`;
}
