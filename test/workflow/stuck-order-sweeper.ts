import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDbStreamEventSources,
  EndpointServer,
  type LambdaService,
  type LocalStepFunctions,
  type ResolvedResource,
  streamMappingsFrom,
} from '@shop/local-cloud';
import { DynamoDbEventStore } from '../../lambdas/orders/adapters/dynamodb-event-store';
import { DynamoDbOrderViews } from '../../lambdas/orders/adapters/dynamodb-order-views';
import { projectOrderViewsHandler } from '../../lambdas/orders/handlers/project-order-views-handler';
import type { OrderRepository } from '../../lambdas/orders/use-cases/order-repository';
import { DynamoDbPendingOrders } from '../../lambdas/saga/adapters/dynamodb-pending-orders';
import { LambdaSagaSteps } from '../../lambdas/saga/adapters/lambda-saga-steps';
import { SfnSagaExecutions } from '../../lambdas/saga/adapters/sfn-saga-executions';
import { type SweepReport, settleStuckOrders } from '../../lambdas/saga/use-cases/settle-stuck-orders';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION } from '../helpers/dynamodb-local';
import { inProcessLambda } from '../helpers/in-process-lambda';

export interface StuckOrderSweeper {
  /**
   * One sweep as the schedule runs it: the real use case on the real adapters (the read model's byStatus
   * index, DescribeExecution through the SDK, the steps through Lambda's Invoke API), once the read model
   * has caught up with every order given.
   */
  sweep(
    orderIds: readonly string[],
    options?: { pendingForMs?: number; limit?: number },
  ): Promise<SweepReport>;
  /** The local AWS endpoint serving the saga's Step Functions and the steps (for the starter's SFN client). */
  readonly endpointUrl: string;
  stop(): Promise<void>;
}

export interface SweeperWiring {
  readonly resources: readonly ResolvedResource[];
  /** The synthesized sweeper and projector functions (their names and environments are used as deployed). */
  readonly sweeperLogicalId: string;
  readonly projectorLogicalId: string;
  readonly db: DynamoDbLocal;
  readonly client: DynamoDBDocumentClient;
  readonly orders: OrderRepository;
  /** The step functions as the state machine reaches them (so injections and the call log apply). */
  readonly lambda: LambdaService;
  readonly stepFunctions: LocalStepFunctions;
}

/**
 * The read model fed as deployed (the EventStore's real stream through the synthesized projector mapping
 * into the real projector handler) and the stuck-order sweeper wired as its composition root wires it,
 * from the synthesized function's environment, the SDK clients pointed at the local AWS endpoint.
 */
export async function startStuckOrderSweeper(wiring: SweeperWiring): Promise<StuckOrderSweeper> {
  const { resources, client } = wiring;
  const resource = (logicalId: string) => {
    const found = resources.find((r) => r.logicalId === logicalId);
    if (!found) throw new Error(`No resource ${logicalId} in the assembly`);
    return found;
  };
  const projector = resource(wiring.projectorLogicalId);
  const projectorEnv = environmentOf(projector);
  const views = new DynamoDbOrderViews(client, required(projectorEnv, 'ORDER_VIEWS_TABLE_NAME'));
  const sources = new DynamoDbStreamEventSources({
    mappings: streamMappingsFrom(resources).mappings.filter((m) => m.functionName === projector.physicalId),
    lambda: inProcessLambda({
      [projector.physicalId]: projectOrderViewsHandler({
        views,
        eventStore: new DynamoDbEventStore(client, required(projectorEnv, 'EVENT_STORE_TABLE_NAME')),
      }),
    }),
    endpoint: wiring.db.endpoint,
    region: LOCAL_REGION,
    pollIntervalMs: 50,
    describeIntervalMs: 200,
    retryDelayMs: 20,
  });
  await sources.start();

  const endpoint = new EndpointServer({ services: [wiring.stepFunctions], lambda: wiring.lambda });
  const endpointUrl = await endpoint.listen(0);
  const sdk = { endpoint: endpointUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sfn = new SFNClient(sdk);
  const lambda = new LambdaClient(sdk);
  const env = environmentOf(resource(wiring.sweeperLogicalId));
  const deps = {
    pending: new DynamoDbPendingOrders(client, required(env, 'ORDER_VIEWS_TABLE_NAME')),
    executions: new SfnSagaExecutions(sfn, required(env, 'STATE_MACHINE_ARN')),
    steps: new LambdaSagaSteps(lambda, {
      LoadOrderStatus: required(env, 'LOAD_ORDER_STATUS_FUNCTION'),
      CancelShipment: required(env, 'CANCEL_SHIPMENT_FUNCTION'),
      RefundPayment: required(env, 'REFUND_PAYMENT_FUNCTION'),
      ReleaseInventory: required(env, 'RELEASE_INVENTORY_FUNCTION'),
      RejectOrder: required(env, 'REJECT_ORDER_FUNCTION'),
    }),
    now: () => new Date(),
  };

  /** Every given order's view is at its event-store version (the projector is asynchronous). */
  async function readModelCaughtUp(orderIds: readonly string[]) {
    for (const orderId of orderIds) {
      const { state } = await wiring.orders.load(orderId);
      for (;;) {
        const view = await views.get(orderId);
        if (view !== undefined && view.version >= (state?.version ?? 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  return {
    endpointUrl,
    async sweep(orderIds, options = {}) {
      await readModelCaughtUp(orderIds);
      return settleStuckOrders(deps, { pendingForMs: options.pendingForMs ?? 0, limit: options.limit ?? 20 });
    },
    async stop() {
      sfn.destroy();
      lambda.destroy();
      await endpoint.close();
      await sources.stop();
    },
  };
}

function environmentOf(resource: ResolvedResource): Record<string, unknown> {
  const { Environment } = resource.properties as { Environment?: { Variables?: Record<string, unknown> } };
  return Environment?.Variables ?? {};
}

function required(env: Record<string, unknown>, name: string): string {
  const value = env[name];
  if (typeof value !== 'string') throw new Error(`The synthesized function has no ${name}`);
  return value;
}
