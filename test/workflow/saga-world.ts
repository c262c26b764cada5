import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CfnTemplate,
  type InvokeResult,
  type LambdaService,
  LocalStepFunctions,
} from '@shop/local-cloud';
import type { EventBridgeEvent } from 'aws-lambda';
import type { IConstruct } from 'constructs';
import { DynamoDbInventoryStore } from '../../lambdas/inventory/adapters/dynamodb-inventory-store';
import {
  releaseInventoryTask,
  reserveInventoryTask,
} from '../../lambdas/inventory/handlers/reservation-tasks';
import { dynamoDbOrderRepository } from '../../lambdas/orders/adapters/dynamodb-order-repository';
import type { PlaceOrderRequest } from '../../lambdas/orders/contract';
import {
  confirmOrderTask,
  loadOrderStatusTask,
  rejectOrderTask,
} from '../../lambdas/orders/handlers/saga-tasks';
import { placeOrder } from '../../lambdas/orders/use-cases/place-order';
import { DynamoDbProviderLedger } from '../../lambdas/payment-provider/adapters/dynamodb-provider-ledger';
import { providerHandler } from '../../lambdas/payment-provider/handlers/provider-handler';
import { DynamoDbPaymentsStore } from '../../lambdas/payments/adapters/dynamodb-payments-store';
import { HttpPaymentProvider } from '../../lambdas/payments/adapters/http-payment-provider';
import { chargePaymentTask, refundPaymentTask } from '../../lambdas/payments/handlers/payment-tasks';
import { startSagaHandler } from '../../lambdas/saga/handlers/start-saga-handler';
import type { SweepReport } from '../../lambdas/saga/use-cases/settle-stuck-orders';
import { documentClient } from '../../lambdas/shared/aws/clients';
import { DynamoDbBreakerStore } from '../../lambdas/shared/aws/dynamodb-breaker-store';
import { logger } from '../../lambdas/shared/logger';
import { CircuitBreaker } from '../../lambdas/shared/resilience/circuit-breaker';
import { DynamoDbShipmentsStore } from '../../lambdas/shipping/adapters/dynamodb-shipments-store';
import { cancelShipmentTask, scheduleShipmentTask } from '../../lambdas/shipping/handlers/shipping-tasks';
import { STAGES } from '../../lib/config/stage-config';
import { lambdaContext } from '../helpers/api-gateway-event';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION, tableNamed } from '../helpers/dynamodb-local';
import { InMemoryCustomerDirectory } from '../helpers/in-memory-customer-directory';
import { inProcessLambda } from '../helpers/in-process-lambda';
import { startShopTables } from '../helpers/local-streams';
import { type OutboxEvent, outboxEventsOf } from '../helpers/outbox';
import { issuedApiKey, overTheNetwork, providerAccount, providerFetch } from '../helpers/provider-fetch';
import { logicalIdOf } from '../helpers/shop-templates';
import { type ChoreographyBus, type Consumer, choreographyBus } from './choreography-bus';
import { startStuckOrderSweeper } from './stuck-order-sweeper';

/**
 * The place-order saga as synthesized, run by the local cloud's Step Functions (aws-local-stepfunctions)
 * with every task bound to the real handler and real adapters on DynamoDB Local, the payment provider
 * being the real stub handler reached over the real HTTP adapter. Tests can inject a failure into any
 * step, and see every step invocation in order. The read model is fed by the EventStore's real stream, and
 * the stuck-order sweeper and the saga's starter run on their real adapters through the local AWS endpoint.
 */
export type StepName =
  | 'LoadOrderStatus'
  | 'ReserveInventory'
  | 'ReleaseInventory'
  | 'ChargePayment'
  | 'RefundPayment'
  | 'ScheduleShipment'
  | 'CancelShipment'
  | 'ConfirmOrder'
  | 'RejectOrder';

/**
 * Makes a step answer differently for one order: a named error, a throttled invoke (transient), a crash
 * before or after the real handler did its work (`real` runs it). Undefined: the real handler answers.
 */
export type Injection = (
  attempt: number,
  real: () => Promise<InvokeResult>,
) => InvokeResult | undefined | Promise<InvokeResult | undefined>;

export interface SagaWorld {
  readonly db: DynamoDbLocal;
  readonly inventory: DynamoDbInventoryStore;
  readonly payments: DynamoDbPaymentsStore;
  readonly ledger: DynamoDbProviderLedger;
  readonly shipments: DynamoDbShipmentsStore;
  readonly orders: ReturnType<typeof dynamoDbOrderRepository>['orders'];
  readonly stepFunctions: LocalStepFunctions;
  readonly stateMachineArn: string;
  /** Every step invocation, in order, per order id. */
  readonly calls: Map<string, StepName[]>;
  /** `SagaCompensationFailed` events the saga put on the bus. */
  readonly published: unknown[];
  /** Closes the payment circuit again (forgets its state), for a test that opened it on purpose. */
  resetBreaker(): Promise<void>;
  /** Resolves when the provider has finished every request it received (callers may have given up). */
  providerIdle(): Promise<void>;
  inject(orderId: string, step: StepName, injection: Injection): void;
  place(request: PlaceOrderRequest): Promise<string>;
  /**
   * Runs the order's saga (the execution named after the order, unless `name` says otherwise) and waits
   * until no execution runs.
   */
  run(orderId: string, name?: string): Promise<ExecutionOutcome>;
  /** Starts one execution per order, all at once, and waits until none runs. */
  runAll(orderIds: readonly string[]): Promise<Map<string, ExecutionOutcome>>;
  /** The ARN of the execution of this name (the starter names an order's execution after the order). */
  executionArnOf(name: string): string;
  /** Starts the order's saga and returns at once, with the execution's ARN. */
  start(orderId: string, name?: string): Promise<string>;
  /** Waits until the execution is over (no timed wait: it polls its status). */
  outcomeOf(executionArn: string): Promise<ExecutionOutcome>;
  /** The order's shipment as the Shipments table holds it. */
  shipmentOf(orderId: string): Promise<{ status: string } | undefined>;
  /** The choreographed saga's bus: the events published so far, delivered to the real consumers as the test says. */
  readonly bus: ChoreographyBus;
  /** What inventory, payments and shipping wrote to their outboxes about the order, by service. */
  serviceEvents(orderId: string): Promise<Record<'inventory' | 'payments' | 'shipping', OutboxEvent[]>>;
  /**
   * The stuck-order sweeper as the schedule runs it (its real use case and adapters, `pendingFor` 0 unless
   * given), once the read model has caught up with every order placed so far.
   */
  sweep(options?: { pendingForMs?: number; limit?: number }): Promise<SweepReport>;
  /**
   * OrderPlaced of this order delivered to the saga's starter as deployed (its real SFN client on the local
   * AWS endpoint), as the bus delivers it, again or late.
   */
  deliverOrderPlaced(orderId: string): Promise<{ executionArn?: string }>;
  stop(): Promise<void>;
}

export interface ExecutionOutcome {
  readonly status: string;
  readonly error?: string;
}

export interface SagaWorldOptions {
  /** Payments gives up on a provider request after this (the stage's 2 s by default). */
  readonly providerTimeoutMs?: number;
  /** The circuit breaker's settings, over the local stage's. */
  readonly breaker?: Partial<{ failures: number; windowMs: number; openMs: number; probeTimeoutMs: number }>;
  /** How much faster than written the definition's intervals and timeouts run (0.05 by default). */
  readonly timeScale?: number;
}

export async function startSagaWorld(options: SagaWorldOptions = {}): Promise<SagaWorld> {
  logger.setLogLevel('SILENT');
  const { stacks, assembly, resources, db, tables } = await startShopTables((shop) => [
    shop.orders,
    shop.inventory,
    shop.payments,
    shop.shipping,
  ]);
  const client = documentClient(db.client);
  const outboxes = {
    inventory: tableNamed(tables, 'InventoryEventsOutbox'),
    payments: tableNamed(tables, 'PaymentsEventsOutbox'),
    shipping: tableNamed(tables, 'ShippingEventsOutbox'),
  };
  const inventory = new DynamoDbInventoryStore(
    client,
    tableNamed(tables, 'InventoryTable'),
    outboxes.inventory,
  );
  const payments = new DynamoDbPaymentsStore(client, tableNamed(tables, 'PaymentsTable'), outboxes.payments);
  const ledger = new DynamoDbProviderLedger(client, tableNamed(tables, 'PaymentProviderLedger'));
  const shipments = new DynamoDbShipmentsStore(
    client,
    tableNamed(tables, 'ShippingShipments'),
    outboxes.shipping,
  );
  const { orders } = dynamoDbOrderRepository(
    client,
    {
      eventStoreTable: tableNamed(tables, 'OrdersEventStore'),
      snapshotsTable: tableNamed(tables, 'OrdersSnapshots'),
      snapshotEvery: STAGES.local.orders.snapshotEvery,
    },
    { writeSnapshots: true },
  );

  const provider = providerHandler({
    ledger,
    adminEnabled: true,
    apiKey: issuedApiKey,
    now: () => new Date(),
    random: Math.random,
    // Real time: a latency set through the behaviour really delays the provider's work.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const network = overTheNetwork(providerFetch(provider));
  const breakersTable = tableNamed(tables, 'PaymentsCircuitBreakers');
  const { breaker } = STAGES.local.payments;
  const paymentDeps = {
    payments,
    provider: new HttpPaymentProvider(
      providerAccount,
      options.providerTimeoutMs ?? STAGES.local.payments.providerTimeout.toMilliseconds(),
      network,
    ),
    breaker: new CircuitBreaker({
      name: 'payment-provider',
      store: new DynamoDbBreakerStore(client, breakersTable),
      settings: {
        threshold: { kind: 'count', failures: options.breaker?.failures ?? breaker.failures },
        windowMs: options.breaker?.windowMs ?? breaker.window.toMilliseconds(),
        openMs: options.breaker?.openMs ?? breaker.open.toMilliseconds(),
        probeTimeoutMs: options.breaker?.probeTimeoutMs ?? breaker.probeTimeout.toMilliseconds(),
      },
    }),
  };
  const sagaDeps = { orders, now: () => new Date(), newId: randomUUID };
  // Each consumer's rules, from the stack that holds them, and the queue they target.
  const routed = (stackName: string, consumer: Consumer, choreography: { readonly queue: IConstruct }) => ({
    template: assembly.getStackByName(stackName).template as CfnTemplate,
    queues: { [logicalIdOf(choreography.queue)]: consumer },
  });
  const bus = choreographyBus({
    client: db.client,
    documents: client,
    tables,
    stacks: [
      routed(stacks.orders.stackName, 'orders', stacks.orders.orders.choreography),
      routed(stacks.inventory.stackName, 'inventory', stacks.inventory.inventory.choreography),
      routed(stacks.payments.stackName, 'payments', stacks.payments.payments.choreography),
      routed(stacks.shipping.stackName, 'shipping', stacks.shipping.shipping.choreography),
    ],
    inventory,
    shipments,
    payments: paymentDeps,
    orders: sagaDeps,
  });
  const handlers: Record<StepName, (event: never, context: never) => Promise<unknown>> = {
    LoadOrderStatus: loadOrderStatusTask(sagaDeps),
    ReserveInventory: reserveInventoryTask({ inventory }),
    ReleaseInventory: releaseInventoryTask({ inventory }),
    ChargePayment: chargePaymentTask(paymentDeps),
    RefundPayment: refundPaymentTask(paymentDeps),
    ScheduleShipment: scheduleShipmentTask({ shipments }),
    CancelShipment: cancelShipmentTask({ shipments }),
    ConfirmOrder: confirmOrderTask(sagaDeps),
    RejectOrder: rejectOrderTask(sagaDeps),
  };
  const real = inProcessLambda(
    Object.fromEntries(
      Object.entries(handlers).map(([step, handler]) => [
        `Shop-Local-${step}`,
        (event: never) => handler(event, lambdaContext(step) as never),
      ]),
    ),
  );
  const calls = new Map<string, StepName[]>();
  const injections = new Map<string, Injection>();
  const lambda: LambdaService = {
    async invoke(arn, event) {
      // A state machine names the function by ARN, the sweeper by name.
      const step = (arn.split(':function:').at(-1) ?? arn).replace(/^Shop-Local-/, '') as StepName;
      const orderId = String((event as { orderId?: unknown }).orderId);
      const log = calls.get(orderId) ?? [];
      log.push(step);
      calls.set(orderId, log);
      const injected = await injections.get(`${orderId}/${step}`)?.(
        log.filter((s) => s === step).length,
        () => real.invoke(arn, event),
      );
      return injected ?? real.invoke(arn, event);
    },
    invokeAsync: (arn, event) => real.invokeAsync(arn, event),
  };
  const published: unknown[] = [];
  const stepFunctions = new LocalStepFunctions(resources, {
    lambda,
    // Retry intervals and timeouts twenty times shorter: the definition as written, run fast. Not
    // shorter: a task's 30 s timeout must stay well above a cold first step on a busy machine (0.01 made
    // it 300 ms, which a first ReserveInventory sometimes took).
    timeScale: options.timeScale ?? 0.05,
    integrations: {
      'events:putEvents': async (parameters) => {
        published.push(parameters);
        return { Entries: [{ EventId: randomUUID() }], FailedEntryCount: 0 };
      },
    },
  });
  const machine = stepFunctions
    .stateMachines()
    .find((m) => m.arn.endsWith(':place-order-saga') || m.arn.includes('place-order-saga'));
  if (!machine) throw new Error('No place-order saga in the assembly');
  const machineArn = machine.arn;
  const sweeper = await startStuckOrderSweeper({
    resources,
    sweeperLogicalId: logicalIdOf(stacks.saga.saga.sweeper),
    projectorLogicalId: logicalIdOf(stacks.orders.orders.projector.function),
    db,
    client,
    orders,
    lambda,
    stepFunctions,
  });
  const sfn = new SFNClient({
    endpoint: sweeper.endpointUrl,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const startSaga = startSagaHandler({ sfn, stateMachineArn: machineArn });
  const placed: string[] = [];
  const shipmentsTable = tableNamed(tables, 'ShippingShipments');

  return {
    db,
    inventory,
    payments,
    ledger,
    shipments,
    orders,
    stepFunctions,
    stateMachineArn: machine.arn,
    calls,
    published,
    providerIdle: () => network.idle(),
    async resetBreaker() {
      await client.send(new DeleteCommand({ TableName: breakersTable, Key: { id: 'payment-provider' } }));
    },
    inject: (orderId, step, injection) => injections.set(`${orderId}/${step}`, injection),
    async place(request) {
      // The saga's subject starts after the order is placed; its customer simply exists here.
      const customers = new InMemoryCustomerDirectory([request.customerId]);
      const deps = { orders, customers, now: () => new Date(), newId: randomUUID };
      const { orderId } = await placeOrder(deps, request, {
        correlationId: `corr-${randomUUID()}`,
        causationId: 'test',
      });
      placed.push(orderId);
      return orderId;
    },
    async run(orderId, name) {
      const executionArn = await start(orderId, name);
      await stepFunctions.drain();
      return describe(executionArn);
    },
    runAll,
    start,
    outcomeOf,
    executionArnOf: (name) => `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`,
    async shipmentOf(orderId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: shipmentsTable, Key: { orderId }, ConsistentRead: true }),
      );
      return Item as { status: string } | undefined;
    },
    sweep: (options) => sweeper.sweep(placed, options),
    async deliverOrderPlaced(orderId) {
      const { state } = await orders.load(orderId);
      const metadata = { eventId: randomUUID(), correlationId: `corr-${orderId}`, causationId: 'test' };
      return startSaga({
        detail: {
          metadata: { ...metadata, schemaVersion: 2, occurredAt: state?.createdAt },
          data: { ...state, sagaStyle: 'orchestration' },
        },
      } as unknown as EventBridgeEvent<'OrderPlaced', unknown>);
    },
    bus,
    async serviceEvents(orderId) {
      const of = (table: string) => outboxEventsOf(client, table, orderId);
      return {
        inventory: await of(outboxes.inventory),
        payments: await of(outboxes.payments),
        shipping: await of(outboxes.shipping),
      };
    },
    async stop() {
      sfn.destroy();
      await stepFunctions.close();
      await sweeper.stop();
      await db.stop();
    },
  };

  /** Starts the saga from the order's OrderPlaced data, as the starter does. */
  async function start(orderId: string, name = orderId): Promise<string> {
    const { state } = await orders.load(orderId);
    if (!state) throw new Error(`No order ${orderId}`);
    const input = {
      orderId,
      customerId: state.customerId,
      items: state.items,
      currency: state.currency,
      paymentToken: state.paymentToken,
      shippingAddress: state.shippingAddress,
      correlationId: `corr-${orderId}`,
    };
    const { executionArn } = await stepFunctions.startExecution(machineArn, JSON.stringify(input), name);
    return executionArn;
  }

  async function describe(executionArn: string): Promise<ExecutionOutcome> {
    const { status, error } = (await stepFunctions.handle('DescribeExecution', { executionArn })) as {
      status: string;
      error?: string;
    };
    return { status, ...(error ? { error } : {}) };
  }

  async function outcomeOf(executionArn: string): Promise<ExecutionOutcome> {
    for (;;) {
      const outcome = await describe(executionArn);
      if (outcome.status !== 'RUNNING') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function runAll(orderIds: readonly string[]) {
    const started = new Map<string, string>();
    for (const orderId of orderIds) started.set(orderId, await start(orderId));
    await stepFunctions.drain();
    const outcomes = new Map<string, ExecutionOutcome>();
    for (const [orderId, executionArn] of started) outcomes.set(orderId, await describe(executionArn));
    return outcomes;
  }
}

/**
 * How Lambda reports an environment that died or a handler that failed for no business reason: the
 * process killed (`Runtime.ExitError`), the function's timeout (`Sandbox.Timedout`), an error with no
 * type (the state machine sees `Lambda.Unknown`), a bug (`TypeError`, i.e. `States.TaskFailed`).
 */
export const CRASHES = ['Runtime.ExitError', 'Sandbox.Timedout', '', 'TypeError'] as const;

const crashResult = (errorType: (typeof CRASHES)[number]): InvokeResult => ({
  ok: false,
  functionError: 'Unhandled',
  payload: { errorType, errorMessage: `injected crash ${errorType || 'with no error type'}` },
  durationMs: 1,
});

/**
 * The step crashes on its first `times` attempts (every attempt with `Infinity`), `after` its real
 * handler did its work (the worst case: the effect happened, the answer is lost) or before.
 */
export const crash =
  (options: { times: number; after: boolean; kind?: (typeof CRASHES)[number] }): Injection =>
  async (attempt, real) => {
    if (attempt > options.times) return undefined;
    if (options.after) await real();
    return crashResult(options.kind ?? CRASHES[(attempt - 1) % CRASHES.length] ?? '');
  };

/** A function error with this name, as Lambda reports a handler that threw it. */
export const businessError =
  (errorType: string): Injection =>
  () => ({
    ok: false,
    functionError: 'Unhandled',
    payload: { errorType, errorMessage: `injected ${errorType}` },
    durationMs: 1,
  });
