import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../shared/logger';
import { sagaInputFrom } from '../schemas/saga-input';

/**
 * `OrderPlaced` -> one execution of the place-order saga, named after the order. Standard workflows keep
 * execution names for 90 days: starting the same name with the same input again returns the existing
 * execution, and with another input fails with ExecutionAlreadyExists. Either way a duplicate or replayed
 * event starts nothing new: the saga runs once per order however often the event arrives.
 */
export function startSagaHandler(deps: { readonly sfn: SFNClient; readonly stateMachineArn: string }) {
  return async (event: EventBridgeEvent<'OrderPlaced', unknown>): Promise<{ executionArn?: string }> => {
    const input = sagaInputFrom(event.detail);
    logger.appendKeys({ correlationId: input.correlationId, orderId: input.orderId });
    try {
      const { executionArn } = await deps.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: deps.stateMachineArn,
          name: input.orderId,
          input: JSON.stringify(input),
        }),
      );
      logger.info('saga started (or already running for this order)', { executionArn });
      return { executionArn };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      logger.info('saga already started for this order with another input: event ignored');
      return {};
    } finally {
      logger.resetKeys();
    }
  };
}
