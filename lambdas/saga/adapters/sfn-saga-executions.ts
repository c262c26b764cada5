import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import type { ExecutionStatus, SagaExecutions } from '../ports/stuck-orders';

/** DescribeExecution of the execution named after the order (how the starter names it). */
export class SfnSagaExecutions implements SagaExecutions {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async statusOf(orderId: string): Promise<ExecutionStatus> {
    // arn:...:stateMachine:<machine> -> arn:...:execution:<machine>:<name>
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
    try {
      const { status } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      // PENDING_REDRIVE: a redriven execution about to run again counts as running.
      return status === 'PENDING_REDRIVE' ? 'RUNNING' : ((status ?? 'RUNNING') as ExecutionStatus);
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return 'NOT_STARTED';
      throw error;
    }
  }
}
