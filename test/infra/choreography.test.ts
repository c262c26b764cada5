import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import type { EventConsumer } from '../../lib/constructs/event-consumer';
import { serviceFunctions } from '../helpers/iam-grants';
import { expectDeadLetteredQueue } from '../helpers/queue-expectations';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

/**
 * The choreographed saga's wiring, for every consumer in every stage: which events reach which service
 * (one rule per interest, only choreographed steps but for a cancellation), how a message that fails is
 * retried and dead-lettered, and that a consumer reads only its own queue and publishes nothing itself
 * (its events go through its outbox).
 */
const CHOREOGRAPHED = { sagaStyle: ['choreography'] };
const INTERESTS: Record<'orders' | 'inventory' | 'payments' | 'shipping', Array<[string, string]>> = {
  inventory: [
    ['shop.orders', 'OrderPlaced'],
    ['shop.payments', 'PaymentDeclined'],
    ['shop.payments', 'PaymentRefunded'],
  ],
  payments: [
    ['shop.orders', 'OrderPlaced'],
    ['shop.inventory', 'InventoryReserved'],
    ['shop.shipping', 'ShippingUnavailable'],
    ['shop.shipping', 'ShipmentCancelled'],
  ],
  shipping: [
    ['shop.orders', 'OrderPlaced'],
    ['shop.payments', 'PaymentCaptured'],
    ['shop.orders', 'OrderCancellationRequested'],
  ],
  orders: [
    ['shop.shipping', 'ShipmentScheduled'],
    ['shop.inventory', 'InventoryOutOfStock'],
    ['shop.inventory', 'InventoryReleased'],
  ],
};

describe.each(STAGE_NAMES)('the choreographed saga (%s)', (stage) => {
  const templates = shopTemplates(stage);
  const { stacks } = templates;
  const config = STAGES[stage];
  const consumers: Array<[keyof typeof INTERESTS, EventConsumer, (typeof templates)['orders']]> = [
    ['orders', stacks.orders.orders.choreography, templates.orders],
    ['inventory', stacks.inventory.inventory.choreography, templates.inventory],
    ['payments', stacks.payments.payments.choreography, templates.payments],
    ['shipping', stacks.shipping.shipping.choreography, templates.shipping],
  ];

  describe.each(consumers)('%s', (service, consumer, template) => {
    const queue = logicalIdOf(consumer.queue);
    const dlq = logicalIdOf(consumer.deadLetters.queue);
    const fn = logicalIdOf(consumer.function.function);
    const { grantsOf } = serviceFunctions(template);

    it('has one rule per interest, matching only choreographed steps, each targeting its queue with retries and the DLQ', () => {
      const rules = resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
        JSON.stringify(rule.Properties.Targets).includes(queue),
      );
      expect(
        rules.map(([, rule]) => [
          (rule.Properties.EventPattern as { source: string[] }).source[0],
          (rule.Properties.EventPattern as { 'detail-type': string[] })['detail-type'][0],
        ]),
      ).toEqual(INTERESTS[service]);
      for (const [, rule] of rules) {
        // A cancellation runs by choreography whichever style fulfilled the order: no style to match.
        const pattern = rule.Properties.EventPattern as { 'detail-type': string[]; detail?: unknown };
        if (pattern['detail-type'][0] === 'OrderCancellationRequested')
          expect(pattern.detail).toBeUndefined();
        else expect(pattern).toMatchObject({ detail: { data: CHOREOGRAPHED } });
        expect(rule.Properties.State).toBe('ENABLED');
        expect(rule.Properties.Targets).toEqual([
          expect.objectContaining({
            Arn: { 'Fn::GetAtt': [queue, 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
            RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 8 },
          }),
        ]);
      }
    });

    it('queues encrypted, TLS only, dead-lettered after maxReceiveCount, the DLQ alarmed', () => {
      expectDeadLetteredQueue(template, config, queue, dlq);
      // The visibility timeout outlasts the function, as SQS requires of a Lambda event source.
      expect(config.choreography.visibilityTimeout.toSeconds()).toBeGreaterThanOrEqual(
        Number(resourceOf(template, fn).Properties.Timeout),
      );
    });

    it('feeds the function ten at a time with partial batch responses', () => {
      const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').filter(
        ([, mapping]) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: fn }),
      );
      expect(mappings.map(([, m]) => m.Properties)).toEqual([
        expect.objectContaining({
          EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
          BatchSize: 10,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      ]);
    });

    it('reads only its own queue, keeps its idempotency records, and publishes nothing itself', () => {
      const grants = grantsOf(fn);
      const onQueues = grants.filter(([action]) => action.startsWith('sqs:'));
      expect(onQueues.map(([, resource]) => resource)).toEqual(onQueues.map(() => `\${${queue}.Arn}`));
      expect(onQueues.map(([action]) => action).sort()).toEqual([
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ]);
      const idempotency = `\${${logicalIdOf(consumer.idempotency.table)}.Arn}`;
      expect(grants.filter(([, resource]) => resource === idempotency).map(([action]) => action)).toEqual([
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(grants.filter(([action]) => action.startsWith('events:'))).toEqual([]);
    });
  });
});
