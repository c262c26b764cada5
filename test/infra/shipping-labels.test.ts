import { METRICS_NAMESPACE } from '../../lambdas/shared/metrics-namespace';
import { LABELS_FAILED_METRIC } from '../../lambdas/shipping/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import type { Grant } from '../helpers/iam-grants';
import { serviceFunctions } from '../helpers/iam-grants';
import { expectDeadLetteredQueue } from '../helpers/queue-expectations';
import { logicalIdOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

/**
 * Labels by request/reply over SQS, per stage: the stub carrier only outside production; every queue
 * encrypted, TLS only, dead-lettered after maxReceiveCount with its DLQ alarmed; every consumer fed ten at a
 * time with partial batch responses; and exact grants: the carrier may send to shipping's reply queue and
 * nowhere else; shipping's requester, deadline consumer (which asks again) and operators' ask-again function
 * to the carrier's request queue and shipping's deadline queue only.
 */
const consumeGrants = (queue: string): Grant[] =>
  [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ].map((action) => [action, `\${${queue}.Arn}`]);

describe.each(STAGE_NAMES)('shipping labels (%s)', (stage) => {
  const { shipping: template, stacks } = shopTemplates(stage);
  const config = STAGES[stage];
  const { carrier } = stacks.shipping;
  const { labels, shipments } = stacks.shipping.shipping;
  const { props, grantsOf, expectedGrants } = serviceFunctions(template);
  const id = logicalIdOf;
  const shipmentsArn = `\${${id(shipments.table)}.Arn}`;
  const outboxWrite: Grant = [
    'dynamodb:PutItem',
    `\${${id(stacks.shipping.shipping.outbox.table.table)}.Arn}`,
  ];
  const replies = id(labels.replies.queue);
  const deadlines = id(labels.deadlines.queue);
  const requests = id(labels.requester.queue);
  const requester = id(labels.requester.function.function);
  const carrierQueue = carrier ? id(carrier.labelDesk.queue) : undefined;

  it('deploys the stub carrier only where the stage asks for it; production reads the real queue’s ARN from SSM', () => {
    expect(carrier === undefined).toBe(config.shipping.carrier.kind === 'external');
    const carrierFunctions = resourcesOfType(template, 'AWS::Lambda::Function').filter(
      ([, fn]) => (fn.Metadata?.['shop:entry'] as string | undefined)?.startsWith('carrier/') ?? false,
    );
    expect(carrierFunctions).toHaveLength(carrier ? 1 : 0);
    const parameters = Object.values(template.toJSON().Parameters ?? {}) as Array<{ Default?: string }>;
    const source = config.shipping.carrier;
    expect(parameters.map((p) => p.Default).filter((d) => d?.startsWith('/shop/'))).toEqual(
      source.kind === 'external' ? [source.requestQueueArnParameter] : [],
    );
  });

  it('queues encrypted, TLS only, dead-lettered after maxReceiveCount, each DLQ alarmed', () => {
    const consumers = [
      labels.requester,
      labels.replies,
      labels.deadlines,
      ...(carrier ? [carrier.labelDesk] : []),
    ];
    for (const consumer of consumers) {
      expectDeadLetteredQueue(template, config, id(consumer.queue), id(consumer.deadLetters.queue));
    }
  });

  it('feeds every consumer ten at a time from its own queue, with partial batch responses', () => {
    const consumers = [
      [labels.requester.function.function, labels.requester.queue],
      [labels.replies.function.function, labels.replies.queue],
      [labels.deadlines.function.function, labels.deadlines.queue],
      ...(carrier ? [[carrier.labelDesk.function.function, carrier.labelDesk.queue] as const] : []),
    ] as const;
    for (const [fn, queue] of consumers) {
      const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').filter(
        ([, mapping]) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: id(fn) }),
      );
      expect(mappings.map(([, m]) => m.Properties)).toEqual([
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': [id(queue), 'Arn'] },
          BatchSize: 10,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      ]);
    }
  });

  it('asks for a label on every OrderConfirmed, whichever saga style confirmed it', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.Targets).includes(requests),
    );
    expect(rules.map(([, rule]) => rule.Properties.EventPattern)).toEqual([
      { source: ['shop.orders'], 'detail-type': ['OrderConfirmed'] },
    ]);
  });

  const deadlineConsumer = id(labels.deadlines.function.function);
  const environmentOf = (fn: string) =>
    (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;

  it('tells the requester and the deadline consumer the queues and the stage’s deadline, within what SQS can delay; the deadline consumer the attempts', () => {
    const deadline = config.shipping.labelDeadline.toSeconds();
    expect(deadline).toBeLessThanOrEqual(900);
    expect(config.shipping.labelAttempts).toBeGreaterThanOrEqual(1);
    for (const fn of [requester, deadlineConsumer]) {
      const env = environmentOf(fn);
      expect(env).toMatchObject({
        LABEL_DEADLINE_SECONDS: String(deadline),
        LABEL_REPLY_QUEUE_URL: { Ref: replies },
        LABEL_DEADLINE_QUEUE_URL: { Ref: deadlines },
      });
      if (carrierQueue) expect(env.CARRIER_REQUEST_QUEUE_URL).toEqual({ Ref: carrierQueue });
    }
    expect(environmentOf(deadlineConsumer).LABEL_ATTEMPTS).toBe(String(config.shipping.labelAttempts));
    expect(environmentOf(requester).LABEL_ATTEMPTS).toBeUndefined();
  });

  /** The carrier's request queue: the stub's, or (production) the ARN read from SSM. */
  const carrierArn = (fn: string) => {
    const arn = carrierQueue
      ? `\${${carrierQueue}.Arn}`
      : (grantsOf(fn).find(
          ([action, resource]) => action === 'sqs:SendMessage' && !resource.includes(deadlines),
        )?.[1] ?? '');
    if (!carrierQueue) expect(arn).toMatch(/^\$\{SsmParameterValue/);
    return arn;
  };
  /** What every label function may do to shipments: read and update them, and write their events. */
  const labelWrites: Grant[] = [
    ['dynamodb:GetItem', shipmentsArn],
    ['dynamodb:UpdateItem', shipmentsArn],
    outboxWrite,
  ];
  /** What a function that sends a request may send to: the carrier's queue and the deadline queue. */
  const requestSends = (fn: string): Grant[] => [
    ['sqs:SendMessage', carrierArn(fn)],
    ['sqs:SendMessage', `\${${deadlines}.Arn}`],
  ];

  it('grants the requester exactly: send to the carrier’s queue and its deadline queue, read and update shipments, write the outbox', () => {
    const idempotency = `\${${id(labels.requester.idempotency.table)}.Arn}`;
    expect(grantsOf(requester)).toEqual(
      expectedGrants(requester, [
        ...requestSends(requester),
        ...labelWrites,
        ...(['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'].map((op) => [
          `dynamodb:${op}`,
          idempotency,
        ]) as Grant[]),
        ...consumeGrants(requests),
      ]),
    );
  });

  it('grants the reply consumer its own queue, shipments’ read and update and the outbox, nothing to send', () => {
    const fn = id(labels.replies.function.function);
    expect(grantsOf(fn)).toEqual(expectedGrants(fn, [...labelWrites, ...consumeGrants(replies)]));
  });

  it('grants the deadline consumer the same, and to ask again: send to the carrier’s queue and the deadline queue, nothing else', () => {
    expect(grantsOf(deadlineConsumer)).toEqual(
      expectedGrants(deadlineConsumer, [
        ...requestSends(deadlineConsumer),
        ...labelWrites,
        ...consumeGrants(deadlines),
      ]),
    );
  });

  it('grants the operators’ ask-again function the same as the deadline consumer, without a queue of its own: send to the carrier’s queue and the deadline queue, read and update shipments, write the outbox', () => {
    const fn = id(labels.askAgain);
    expect(grantsOf(fn)).toEqual(expectedGrants(fn, [...requestSends(fn), ...labelWrites]));
    expect(environmentOf(fn)).toMatchObject({
      LABEL_DEADLINE_SECONDS: String(config.shipping.labelDeadline.toSeconds()),
      LABEL_REPLY_QUEUE_URL: { Ref: replies },
      LABEL_DEADLINE_QUEUE_URL: { Ref: deadlines },
    });
  });

  it('alarms on the first label request left unanswered past its deadline, from the metric the deadline consumer writes', () => {
    const alarm = resourcesOfType(template, 'AWS::CloudWatch::Alarm').find(
      ([alarmId]) => alarmId === id(labels.failuresAlarm),
    )?.[1];
    expect(alarm?.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: LABELS_FAILED_METRIC,
      Dimensions: [{ Name: 'service', Value: 'shipping' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // Powertools adds the dimension from the function's service name.
    expect(environmentOf(deadlineConsumer).POWERTOOLS_SERVICE_NAME).toBe('shipping');
  });

  if (carrier) {
    it('grants the carrier its own queue and SendMessage on shipping’s reply queue, nothing else', () => {
      const fn = id(carrier.labelDesk.function.function);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [['sqs:SendMessage', `\${${replies}.Arn}`], ...consumeGrants(carrierQueue ?? '')]),
      );
      const env = (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      const source = config.shipping.carrier;
      if (source.kind === 'stub') {
        expect(env.SLOW_REPLY_DELAY_SECONDS).toBe(String(source.slowReplyDelay.toSeconds()));
      }
    });
  }
});
