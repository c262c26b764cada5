import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { INVENTORY_ERRORS } from '../../../lambdas/inventory/contract';
import {
  BY_STATUS_INDEX,
  DEADLINE_EXCEEDED,
  FULFILMENT_FAILED,
  type RejectionReason,
} from '../../../lambdas/orders/contract';
import { PAYMENT_ERRORS } from '../../../lambdas/payments/contract';
import { PAST_DEADLINE_METRIC } from '../../../lambdas/saga/contract';
import { SHIPPING_ERRORS } from '../../../lambdas/shipping/contract';
import { SAGA_STEPS, type SagaStep, sagaStepFunctionName } from '../../config/saga-step-names';
import type { StageConfig } from '../../config/stage-config';
import { DeadLetterQueue } from '../../constructs/dead-letter-queue';
import { firstCountAlarm } from '../../constructs/first-count-alarm';
import { nagArnPrefix } from '../../constructs/nag-findings';
import { ServiceFunction } from '../../constructs/service-function';

export interface PlaceOrderSagaProps {
  readonly config: StageConfig;
  readonly bus: events.IEventBus;
  /** The orders read model, whose `byStatus` index the stuck-order sweeper reads. */
  readonly orderViews: dynamodb.ITable;
}

/** Errors of the Lambda service itself, never of our code: always worth a retry. */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/** The business answers the saga catches by name (each service's contract), and the rejection reason each becomes. */
export const BUSINESS_ERRORS = {
  [INVENTORY_ERRORS.OutOfStock]: 'OUT_OF_STOCK',
  [PAYMENT_ERRORS.PaymentDeclined]: 'PAYMENT_DECLINED',
  [PAYMENT_ERRORS.PaymentUnavailable]: 'PAYMENT_UNAVAILABLE',
  [SHIPPING_ERRORS.ShippingUnavailable]: 'SHIPPING_UNAVAILABLE',
} as const satisfies Record<string, RejectionReason>;

/**
 * The reason of an order whose step kept failing for no business reason (a crashed or timed-out
 * environment, a runtime error) after its retries: compensated and rejected all the same. The sweeper
 * rejects with it too.
 */
export { FULFILMENT_FAILED } from '../../../lambdas/orders/contract';

/**
 * Retries of a forward step that failed for no business reason: a crashed environment
 * (`Runtime.ExitError`, `Sandbox.Timedout`, `Lambda.Unknown`), a task timeout (`States.Timeout`), a
 * runtime error. Every step is idempotent by order id, so running it again is safe. `States.ALL` must come
 * last and alone, so each step first lists its business errors with no retries (the first retrier whose
 * errors match decides).
 */
const RUNTIME_FAILURE_RETRY: sfn.RetryProps = {
  errors: [sfn.Errors.ALL],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 3,
  maxDelay: Duration.seconds(10),
  jitterStrategy: sfn.JitterType.FULL,
};

export const SAGA_SOURCE = 'shop.place-order-saga';

/**
 * The place-order saga, orchestrated (Step Functions, Standard): LoadOrderStatus (an order already decided:
 * nothing to do) -> ReserveInventory -> ChargePayment -> ScheduleShipment -> ConfirmOrder. A business error
 * at step k runs the compensations of steps k-1..1 in reverse (CancelShipment, RefundPayment,
 * ReleaseInventory), then RejectOrder with the reason. Lambda
 * service errors are retried with exponential backoff and full jitter; `PaymentUnavailable` is retried a
 * little (the circuit may be half-open) before it counts as a business error. Compensations retry; one that
 * still fails ends the execution in `CompensationFailed`, after publishing `SagaCompensationFailed`, never
 * as if it had succeeded. Started by `OrderPlaced` (orchestrated orders) through a starter that names the
 * execution after the order, so a duplicate event has no effect.
 */
export class PlaceOrderSaga extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly starter: lambda.IFunction;
  readonly failedAlarm: cloudwatch.Alarm;
  readonly deadLetters: DeadLetterQueue;
  readonly sweeper: lambda.IFunction;
  /** Orders whose deadline passed (the sweeper rejected them DEADLINE_EXCEEDED), in either saga style. */
  readonly pastDeadlineAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: PlaceOrderSagaProps) {
    super(scope, id);
    const { config } = props;
    // The steps by their fixed names (lib/config/saga-step-names.ts): no exports, exact grants.
    const steps = new Map<SagaStep, lambda.IFunction>();
    const step = (name: SagaStep) => {
      const fn =
        steps.get(name) ??
        lambda.Function.fromFunctionName(this, `${name}Function`, sagaStepFunctionName(config, name));
      steps.set(name, fn);
      return fn;
    };

    const invoke = (
      name: string,
      fn: lambda.IFunction,
      payload: Record<string, unknown>,
      resultPath: string | undefined,
    ) =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: sfn.TaskInput.fromObject({
          'correlationId.$': '$.correlationId',
          // What the events a step writes name as their cause: this execution.
          'causationId.$': '$$.Execution.Id',
          'orderId.$': '$.orderId',
          ...payload,
        }),
        payloadResponseOnly: true,
        resultPath: resultPath ?? sfn.JsonPath.DISCARD,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
        retryOnServiceExceptions: false,
      }).addRetry({
        errors: TRANSIENT_ERRORS,
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 4,
        maxDelay: Duration.seconds(10),
        jitterStrategy: sfn.JitterType.FULL,
      });

    // Compensations: each retries harder (it must not give up lightly), and one that fails ends the saga
    // in CompensationFailed.
    const compensationFailed = new tasks.EventBridgePutEvents(this, 'PublishCompensationFailed', {
      entries: [
        {
          eventBus: props.bus,
          source: SAGA_SOURCE,
          detailType: 'SagaCompensationFailed',
          detail: sfn.TaskInput.fromObject({
            metadata: {
              'eventId.$': '$$.Execution.Id',
              'correlationId.$': '$.correlationId',
              'causationId.$': '$$.Execution.Id',
              schemaVersion: 1,
              'occurredAt.$': '$$.State.EnteredTime',
            },
            data: { 'orderId.$': '$.orderId', 'error.$': '$.compensationError' },
          }),
        },
      ],
      resultPath: sfn.JsonPath.DISCARD,
    }).next(
      new sfn.Fail(this, 'CompensationFailed', {
        error: 'CompensationFailed',
        cause: 'A compensation failed after its retries; see SagaCompensationFailed.',
      }),
    );

    // Twelve retries (about 2 minutes on average with full jitter, rarely under one) outlast the payment
    // circuit's open time (20 s) and a provider brownout of a minute or so: a settlement refused meanwhile
    // goes through on a later attempt. Any error is retried (a
    // compensation has no business error: a crash or a timeout is as worth retrying as an unavailable
    // provider).
    const compensation = (name: string, fn: lambda.IFunction) =>
      invoke(name, fn, {}, undefined)
        .addRetry({
          errors: [sfn.Errors.ALL],
          interval: Duration.seconds(2),
          backoffRate: 2,
          maxAttempts: 12,
          maxDelay: Duration.seconds(30),
          jitterStrategy: sfn.JitterType.FULL,
        })
        .addCatch(compensationFailed, { errors: ['States.ALL'], resultPath: '$.compensationError' });

    const rejectTask = invoke(
      'RejectOrder',
      step('RejectOrder'),
      { 'reason.$': '$.rejection.reason' },
      undefined,
    );
    // A crashed or timed-out RejectOrder is retried as a forward step is (a second rejection has no effect):
    // otherwise one crash before its append failed the execution with everything compensated and the order
    // still PENDING, for the sweeper 15 to 20 minutes later. A refusal (the order decided meanwhile) is not.
    rejectTask.addRetry({ errors: ['ConflictError'], maxAttempts: 0 }).addRetry(RUNTIME_FAILURE_RETRY);
    const rejectOrder = rejectTask.next(
      new sfn.Succeed(this, 'Rejected', { comment: 'Compensated and rejected with a reason' }),
    );
    // Compensated because the order itself changed (ConfirmOrder refused): nothing to reject any more.
    const afterCompensation = new sfn.Choice(this, 'RejectOrStop')
      .when(sfn.Condition.isPresent('$.rejection.reason'), rejectOrder)
      .otherwise(
        new sfn.Fail(this, 'OrderChangedDuringSaga', {
          error: 'OrderChangedDuringSaga',
          cause: 'The order was no longer pending; every step was compensated.',
        }),
      );
    const releaseInventory = compensation('ReleaseInventory', step('ReleaseInventory')).next(
      afterCompensation,
    );
    const refundPayment = compensation('RefundPayment', step('RefundPayment')).next(releaseInventory);
    const cancelShipment = compensation('CancelShipment', step('CancelShipment')).next(refundPayment);

    const because = (reason: string, then: sfn.IChainable, id = `Because${reason}`) =>
      new sfn.Pass(this, id, {
        result: sfn.Result.fromObject({ reason }),
        resultPath: '$.rejection',
      }).next(then);

    /**
     * A forward step's failures that are not business answers: retried with backoff; one that still
     * fails compensates from `compensateFrom` (what the step itself may have done before it failed, then
     * the steps before it) and rejects with FULFILMENT_FAILED. Added after the step's business retries
     * and catches, so that those decide first.
     */
    const onRuntimeFailure = (
      task: sfn.TaskStateBase,
      businessErrors: readonly string[],
      compensateFrom?: sfn.IChainable,
    ) => {
      if (businessErrors.length > 0) task.addRetry({ errors: [...businessErrors], maxAttempts: 0 });
      task.addRetry(RUNTIME_FAILURE_RETRY);
      if (compensateFrom) {
        task.addCatch(because(FULFILMENT_FAILED, compensateFrom, `${task.id}Failed`), {
          errors: [sfn.Errors.ALL],
          resultPath: '$.failure',
        });
      }
      return task;
    };

    const reserve = invoke(
      'ReserveInventory',
      step('ReserveInventory'),
      { 'items.$': '$.items' },
      '$.reservation',
    ).addCatch(because(BUSINESS_ERRORS.OutOfStock, rejectOrder), {
      errors: [INVENTORY_ERRORS.OutOfStock],
      resultPath: '$.failure',
    });
    // A crash may come after the reservation was written: release it (a no-op if there is none).
    onRuntimeFailure(reserve, [INVENTORY_ERRORS.OutOfStock], releaseInventory);
    const charge = invoke(
      'ChargePayment',
      step('ChargePayment'),
      { 'amount.$': '$.reservation.total', 'currency.$': '$.currency', 'paymentToken.$': '$.paymentToken' },
      '$.payment',
    )
      .addRetry({
        errors: [PAYMENT_ERRORS.PaymentUnavailable],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 2,
        maxDelay: Duration.seconds(8),
        jitterStrategy: sfn.JitterType.FULL,
      })
      .addCatch(because(BUSINESS_ERRORS.PaymentDeclined, releaseInventory), {
        errors: [PAYMENT_ERRORS.PaymentDeclined],
        resultPath: '$.failure',
      })
      // Unavailable is not "not charged": a request that timed out or got a 5xx may have been captured, or
      // be captured yet. RefundPayment settles by the charge's key (refund, or void a charge still to
      // arrive), and is a no-op when no request ever left (lambdas/payments/domain/payment.ts).
      .addCatch(because(BUSINESS_ERRORS.PaymentUnavailable, refundPayment), {
        errors: [PAYMENT_ERRORS.PaymentUnavailable],
        resultPath: '$.failure',
      });
    onRuntimeFailure(
      charge,
      [PAYMENT_ERRORS.PaymentDeclined, PAYMENT_ERRORS.PaymentUnavailable],
      refundPayment,
    );
    const ship = invoke(
      'ScheduleShipment',
      step('ScheduleShipment'),
      {
        'shippingAddress.$': '$.shippingAddress',
        declaredValue: { 'amount.$': '$.reservation.total', 'currency.$': '$.currency' },
      },
      '$.shipment',
    ).addCatch(because(BUSINESS_ERRORS.ShippingUnavailable, refundPayment), {
      errors: [SHIPPING_ERRORS.ShippingUnavailable],
      resultPath: '$.failure',
    });
    onRuntimeFailure(ship, [SHIPPING_ERRORS.ShippingUnavailable], cancelShipment);
    const confirm = invoke(
      'ConfirmOrder',
      step('ConfirmOrder'),
      { 'total.$': '$.reservation.total' },
      undefined,
    ).addCatch(cancelShipment, { errors: ['ConflictError'], resultPath: '$.failure' });
    // Retried; one that still fails may have confirmed the order before it crashed (refunding it then would
    // take the goods' money back), or not. So the order's events decide: CONFIRMED is done; still PENDING
    // (no environment of the crashed step is left to confirm it late) compensates everything and rejects
    // with FULFILMENT_FAILED; decided otherwise meanwhile, as for ConflictError. If even that check fails,
    // the execution fails (the alarm) and the stuck-order sweeper settles the order.
    const recheck = onRuntimeFailure(
      invoke('RecheckOrderStatus', step('LoadOrderStatus'), {}, '$.order'),
      [],
    );
    recheck.next(
      new sfn.Choice(this, 'WasOrderConfirmed')
        .when(
          sfn.Condition.stringEquals('$.order.status', 'CONFIRMED'),
          new sfn.Succeed(this, 'ConfirmedBeforeItFailed', {
            comment: 'ConfirmOrder confirmed, then crashed',
          }),
        )
        .when(
          sfn.Condition.stringEquals('$.order.status', 'PENDING'),
          because(FULFILMENT_FAILED, cancelShipment, 'ConfirmOrderFailed'),
        )
        .otherwise(cancelShipment),
    );
    onRuntimeFailure(confirm, ['ConflictError']).addCatch(recheck, {
      errors: [sfn.Errors.ALL],
      resultPath: '$.failure',
    });

    // First, where the order stands: a saga for an order already decided (a second execution under another
    // name, an OrderPlaced replayed after its execution's name expired, an order the sweeper settled before
    // its late saga started) does nothing at all. Read from the order's events, not the lagging read model.
    // An order decided after this check is ConfirmOrder's ConflictError: everything is compensated.
    // One that keeps failing has done nothing: the order is rejected FULFILMENT_FAILED at once (refused, and
    // the execution failed, if it was decided after all), rather than left PENDING for the sweeper.
    const loadOrderStatus = onRuntimeFailure(
      invoke('LoadOrderStatus', step('LoadOrderStatus'), {}, '$.order'),
      [],
    ).addCatch(because(FULFILMENT_FAILED, rejectOrder, 'LoadOrderStatusFailed'), {
      errors: [sfn.Errors.ALL],
      resultPath: '$.failure',
    });
    const fulfil = reserve.next(charge).next(ship).next(confirm).next(new sfn.Succeed(this, 'Confirmed'));
    const ifPending = new sfn.Choice(this, 'IsOrderPending')
      .when(sfn.Condition.stringEquals('$.order.status', 'PENDING'), fulfil)
      .otherwise(new sfn.Succeed(this, 'AlreadyDecided', { comment: 'Nothing to do: the order is decided' }));

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: config.logs.retention,
      removalPolicy: config.logs.removalPolicy,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: `${config.stackPrefix}-place-order-saga`, // the sweeper's grant names it too
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(loadOrderStatus.next(ifPending)),
      timeout: Duration.minutes(10),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });

    this.failedAlarm = new cloudwatch.Alarm(this, 'FailedAlarm', {
      alarmDescription: 'Place-order saga executions failed (including CompensationFailed) or timed out',
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
          timedOut: this.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'OrderPlaced events that could not start the place-order saga',
    });
    const starter = new ServiceFunction(this, 'StartSaga', {
      config,
      service: 'saga',
      handler: 'start-saga',
      invocation: { async: this.deadLetters.queue },
      description: 'OrderPlaced -> one place-order saga execution per order (named after it)',
      environment: { STATE_MACHINE_ARN: this.stateMachine.stateMachineArn },
    }).function;
    this.stateMachine.grantStartExecution(starter);
    this.starter = starter;

    // LambdaInvoke grants each function and its versions (`<arn>:*`); the saga calls exactly these.
    const stack = Stack.of(this);
    const arnPrefix = nagArnPrefix(stack, 'lambda');
    Validations.of(this.stateMachine.role).acknowledge(
      ...SAGA_STEPS.map((name) => ({
        id: `AwsSolutions-IAM5[Resource::${arnPrefix}:function:${sagaStepFunctionName(config, name)}:*]`,
        reason:
          'Invoking one named step function, any of its versions (how LambdaInvoke grants); no other function.',
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and the CloudWatch Logs log delivery actions of Step Functions logging have no resource-level permissions.',
      },
    );

    new events.Rule(this, 'OnOrderPlaced', {
      eventBus: props.bus,
      description: 'Orchestrated orders start the place-order saga',
      eventPattern: {
        source: ['shop.orders'],
        detailType: ['OrderPlaced'],
        detail: { data: { sagaStyle: ['orchestration'] } },
      },
      targets: [
        new targets.LambdaFunction(starter, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters.queue,
        }),
      ],
    });

    this.sweeper = this.stuckOrderSweeper(props, step);
    this.pastDeadlineAlarm = firstCountAlarm(this, 'PastDeadlineAlarm', {
      description:
        'Orders were still undecided at their deadline and were rejected DEADLINE_EXCEEDED: find the step each was stuck at (docs/sagas.md, "The order deadline")',
      metricName: PAST_DEADLINE_METRIC,
      service: 'saga',
    });
  }

  /**
   * The backstop for orders an execution left PENDING anyway (CompensationFailed, a ConfirmOrder that kept
   * failing, timed out, aborted, never started): on a schedule, every compensation then RejectOrder
   * FULFILMENT_FAILED (lambdas/saga/use-cases/settle-stuck-orders.ts). A schedule over the read model rather
   * than Step Functions' status-change events: it also finds sagas that never started, and the local
   * cloud runs schedules but does not emit those events.
   */
  private stuckOrderSweeper(
    props: PlaceOrderSagaProps,
    step: (name: SagaStep) => lambda.IFunction,
  ): lambda.IFunction {
    const { config } = props;
    const invoked = [
      'LoadOrderStatus',
      'CancelShipment',
      'RefundPayment',
      'ReleaseInventory',
      'RejectOrder',
    ] as const;
    const sweeper = new ServiceFunction(this, 'SettleStuckOrders', {
      config,
      service: 'saga',
      handler: 'settle-stuck-orders',
      invocation: { async: this.deadLetters.queue },
      description: `Schedule -> orders PENDING for ${config.saga.pendingFor.toMinutes()} min whose saga is over: compensate, reject ${DEADLINE_EXCEEDED}`,
      // Up to 20 orders, five synchronous step invocations each.
      timeout: Duration.minutes(5),
      environment: {
        ORDER_VIEWS_TABLE_NAME: props.orderViews.tableName,
        STATE_MACHINE_ARN: this.stateMachine.stateMachineArn,
        PENDING_FOR_MS: String(config.saga.pendingFor.toMilliseconds()),
        LOAD_ORDER_STATUS_FUNCTION: sagaStepFunctionName(config, 'LoadOrderStatus'),
        CANCEL_SHIPMENT_FUNCTION: sagaStepFunctionName(config, 'CancelShipment'),
        REFUND_PAYMENT_FUNCTION: sagaStepFunctionName(config, 'RefundPayment'),
        RELEASE_INVENTORY_FUNCTION: sagaStepFunctionName(config, 'ReleaseInventory'),
        REJECT_ORDER_FUNCTION: sagaStepFunctionName(config, 'RejectOrder'),
      },
    }).function;
    // Exactly: a query of the byStatus index, the status of this machine's executions, the five steps.
    sweeper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.orderViews.tableArn}/index/${BY_STATUS_INDEX}`],
      }),
    );
    sweeper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: invoked.map((name) => step(name).functionArn),
      }),
    );
    // Executions are named after orders: this machine's, under any name (its name is fixed per stage).
    const machineName = `${config.stackPrefix}-place-order-saga`;
    const executionsPrefix = `${nagArnPrefix(Stack.of(this), 'states')}:execution:${machineName}`;
    sweeper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'execution',
            resourceName: `${machineName}:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    Validations.of(sweeper.role as iam.IRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${executionsPrefix}:*]`,
      reason:
        "DescribeExecution of this state machine's executions only, under any name: there is one per order.",
    });

    new events.Rule(this, 'SweepStuckOrders', {
      description: 'Settles orders the place-order saga left PENDING',
      schedule: events.Schedule.rate(config.saga.sweepEvery),
      targets: [
        new targets.LambdaFunction(sweeper, {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
          deadLetterQueue: this.deadLetters.queue,
        }),
      ],
    });
    return sweeper;
  }
}
