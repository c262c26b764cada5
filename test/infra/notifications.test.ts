import { NOTIFICATIONS_ENV } from '../../lambdas/notifications/contract';
import { CALLBACK_SIGNING_KEY_SECRET_ENV, CALLBACK_URL_POLICY_ENV } from '../../lambdas/orders/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { internalApiExportName } from '../../lib/constructs/internal-api';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

/**
 * The notifications service (signed callbacks), in every stage: which events reach it, how a callback's
 * retries are bounded (the queue gives the schedule's attempts plus two before the DLQ, and outwaits the
 * function), what each function may do, and the stage's URL policy reaching both ends.
 */
describe.each(STAGE_NAMES)('notifications (%s)', (stage) => {
  const { notifications: template, orders, stacks } = shopTemplates(stage);
  const config = STAGES[stage];
  const service = stacks.notifications.notifications;
  const queue = logicalIdOf(service.deliveries.queue);
  const dlq = logicalIdOf(service.deliveries.deadLetters.queue);
  const table = `\${${logicalIdOf(service.callbacks.table)}.Arn}`;
  const deliver = logicalIdOf(service.deliveries.function.function);
  const list = logicalIdOf(service.listCallbacks);
  const { props, grantsOf, expectedGrants } = serviceFunctions(template);
  // The key, as the Orders stack exports it (its own output, named by CDK).
  const keyExport = Object.values(
    orders.toJSON().Outputs as Record<string, { Value: unknown; Export: { Name: string } }>,
  ).find(
    (out) =>
      JSON.stringify(out.Value) ===
      JSON.stringify({ Ref: logicalIdOf(stacks.orders.orders.callbackSigningKey) }),
  );
  const signingKey = `\${import:${keyExport?.Export.Name}}`;
  const ordersApi = `\${import:${internalApiExportName(config, 'orders')}}`;

  it('takes OrderPlaced and the three final statuses, whatever the saga style, to its queue', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule');
    expect(rules.map(([, rule]) => rule.Properties.EventPattern)).toEqual([
      { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
      { source: ['shop.orders'], 'detail-type': ['OrderConfirmed', 'OrderRejected', 'OrderCancelled'] },
    ]);
    for (const [, rule] of rules)
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [queue, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        }),
      ]);
  });

  it("gives a callback the schedule's attempts (and two receives for a reordered OrderPlaced) before the DLQ", () => {
    const fnTimeout = Number(props(deliver).Timeout);
    expect(resourceOf(template, queue).Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
        maxReceiveCount: config.callbacks.retrySchedule.length + 1 + 2,
      },
    });
    // The function outwaits the receiver; the queue outwaits the function, as SQS requires.
    expect(fnTimeout).toBeGreaterThan(config.callbacks.deliveryTimeout.toSeconds());
    expect(Number(resourceOf(template, queue).Properties.VisibilityTimeout)).toBeGreaterThan(fnTimeout);
    // Standard Webhooks waits 15 s at most; the message outlives the whole schedule.
    expect(config.callbacks.deliveryTimeout.toSeconds()).toBeLessThanOrEqual(15);
    const schedule = config.callbacks.retrySchedule.reduce((sum, wait) => sum + wait.toSeconds(), 0);
    expect(Number(resourceOf(template, queue).Properties.MessageRetentionPeriod)).toBeGreaterThan(schedule);
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings.map(([, m]) => m.Properties)).toEqual([
      expect.objectContaining({
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ]);
  });

  it('spans about a day of retries on AWS, and seconds on the local stage', () => {
    const total = config.callbacks.retrySchedule.reduce((sum, wait) => sum + wait.toSeconds(), 0);
    if (stage === 'local') expect(total).toBeLessThan(30);
    else expect(total / 3600).toBeGreaterThan(20);
  });

  const delivery = (fn: string): Grant[] => [
    ...['GetItem', 'PutItem', 'Query', 'UpdateItem'].map((a): Grant => [`dynamodb:${a}`, table]),
    [
      'execute-api:Invoke',
      `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${ordersApi}/internal/GET/orders/*`,
    ],
    ['secretsmanager:DescribeSecret', signingKey],
    ['secretsmanager:GetSecretValue', signingKey],
    ...(fn === deliver
      ? [
          'ChangeMessageVisibility',
          'DeleteMessage',
          'GetQueueAttributes',
          'GetQueueUrl',
          'ReceiveMessage',
        ].map((a): Grant => [`sqs:${a}`, `\${${queue}.Arn}`])
      : []),
    ...(fn === deliver
      ? ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'].map(
          (a): Grant => [`dynamodb:${a}`, `\${${logicalIdOf(service.deliveries.idempotency.table)}.Arn}`],
        )
      : []),
  ];

  it('lets the delivering function read its records, the signing key and one orders route, and nothing else', () => {
    expect(grantsOf(deliver)).toEqual(expectedGrants(deliver, delivery(deliver)));
  });

  it('lets the history only read its records', () => {
    expect(grantsOf(list)).toEqual(
      expectedGrants(list, [
        ['dynamodb:GetItem', table],
        ['dynamodb:Query', table],
      ]),
    );
  });

  it('routes a replay only where test hooks are, with the same grants as a delivery', () => {
    if (!config.testHooks) {
      expect(service.replayCallback).toBeUndefined();
      return;
    }
    const replay = logicalIdOf(service.replayCallback as NonNullable<typeof service.replayCallback>);
    expect(grantsOf(replay)).toEqual(expectedGrants(replay, delivery(replay)));
  });

  it("hands both ends the stage's URL policy: place-order checks it, the delivery checks it again", () => {
    const policy = config.callbacks.urlPolicy;
    expect(policy).toBe(stage === 'local' ? 'local' : 'public-https');
    expect(props(deliver).Environment).toMatchObject({
      Variables: expect.objectContaining({
        [CALLBACK_URL_POLICY_ENV]: policy,
        [NOTIFICATIONS_ENV.retrySchedule]: config.callbacks.retrySchedule.map((w) => w.toSeconds()).join(','),
        [NOTIFICATIONS_ENV.deliveryTimeout]: String(config.callbacks.deliveryTimeout.toMilliseconds()),
        [CALLBACK_SIGNING_KEY_SECRET_ENV]: expect.anything(),
        [NOTIFICATIONS_ENV.queueUrl]: { Ref: queue },
      }),
    });
    const placeOrder = resourceOf(orders, logicalIdOf(stacks.orders.orders.placeOrder)).Properties;
    expect(placeOrder.Environment).toMatchObject({
      Variables: expect.objectContaining({ [CALLBACK_URL_POLICY_ENV]: policy }),
    });
  });
});
