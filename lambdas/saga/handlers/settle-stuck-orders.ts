import { Metrics } from '@aws-lambda-powertools/metrics';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, sdkClientOptions } from '../../shared/aws/clients';
import { integerSetting, readConfig } from '../../shared/config';
import { DynamoDbPendingOrders } from '../adapters/dynamodb-pending-orders';
import { LambdaSagaSteps } from '../adapters/lambda-saga-steps';
import { SfnSagaExecutions } from '../adapters/sfn-saga-executions';
import { METRICS_NAMESPACE } from '../contract';
import { settleStuckOrdersHandler } from './settle-stuck-orders-handler';

// Composition root: read the environment and build the clients once per cold start.
const config = readConfig([
  'ORDER_VIEWS_TABLE_NAME',
  'STATE_MACHINE_ARN',
  'PENDING_FOR_MS',
  'LOAD_ORDER_STATUS_FUNCTION',
  'CANCEL_SHIPMENT_FUNCTION',
  'REFUND_PAYMENT_FUNCTION',
  'RELEASE_INVENTORY_FUNCTION',
  'REJECT_ORDER_FUNCTION',
]);
/** A step answers within its own timeout (the stage's function timeout, 10 s): wait a little longer. */
const STEP_ANSWER_MS = 15_000;

export const handler = settleStuckOrdersHandler(
  {
    pending: new DynamoDbPendingOrders(documentClient(), config.ORDER_VIEWS_TABLE_NAME),
    executions: new SfnSagaExecutions(new SFNClient(sdkClientOptions()), config.STATE_MACHINE_ARN),
    steps: new LambdaSagaSteps(new LambdaClient(sdkClientOptions(STEP_ANSWER_MS)), {
      LoadOrderStatus: config.LOAD_ORDER_STATUS_FUNCTION,
      CancelShipment: config.CANCEL_SHIPMENT_FUNCTION,
      RefundPayment: config.REFUND_PAYMENT_FUNCTION,
      ReleaseInventory: config.RELEASE_INVENTORY_FUNCTION,
      RejectOrder: config.REJECT_ORDER_FUNCTION,
    }),
    now: () => new Date(),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE }),
  },
  { pendingForMs: integerSetting('PENDING_FOR_MS', config.PENDING_FOR_MS, 1), limit: 20 },
);
