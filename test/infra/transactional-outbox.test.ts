import { INVENTORY_EVENT_SOURCE } from '../../lambdas/inventory/contract';
import { PAYMENTS_EVENT_SOURCE } from '../../lambdas/payments/contract';
import { SHIPPING_EVENT_SOURCE } from '../../lambdas/shipping/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import type { TransactionalOutbox } from '../../lib/constructs/transactional-outbox';
import { asSource, type Grant, serviceFunctions } from '../helpers/iam-grants';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';
import { streamConsumerMapping } from '../helpers/stream-consumer-expectations';

/**
 * Inventory, payments and shipping each publish through a transactional outbox (lib/constructs/
 * transactional-outbox.ts): what must hold for every one of them, in every stage.
 */
describe.each(STAGE_NAMES)('transactional outboxes (%s)', (stage) => {
  const templates = shopTemplates(stage);
  const { stacks } = templates;
  const config = STAGES[stage];
  const outboxes: Array<
    [string, string, TransactionalOutbox, ReturnType<typeof shopTemplates>['inventory']]
  > = [
    ['inventory', INVENTORY_EVENT_SOURCE, stacks.inventory.inventory.outbox, templates.inventory],
    ['payments', PAYMENTS_EVENT_SOURCE, stacks.payments.payments.outbox, templates.payments],
    ['shipping', SHIPPING_EVENT_SOURCE, stacks.shipping.shipping.outbox, templates.shipping],
  ];
  // The bus comes from the Events stack, as an import of the export holding its ARN.
  const busId = logicalIdOf(stacks.events.events.bus);
  const busArnExport = Object.entries(
    templates.events.toJSON().Outputs as Record<string, { Value: unknown; Export: { Name: string } }>,
  ).find(
    ([, output]) => JSON.stringify(output.Value) === JSON.stringify({ 'Fn::GetAtt': [busId, 'Arn'] }),
  )?.[1].Export.Name;

  describe.each(outboxes)('%s (%s)', (_, source, outbox, template) => {
    const table = logicalIdOf(outbox.table.table);
    const relay = logicalIdOf(outbox.relay.function);
    const dlq = logicalIdOf(outbox.publication.deadLetters.queue);
    const { props, grantsOf, expectedGrants } = serviceFunctions(template);

    it('has an Outbox table keyed by event id, cleared by TTL, streaming new images', () => {
      expect(resourceOf(template, table).Properties).toMatchObject({
        KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        BillingMode: 'PAY_PER_REQUEST',
      });
    });

    it('relays new items only, in order, with partial failures, bisection, bounded retries and an alarmed DLQ', () => {
      const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: relay }),
      );
      expect(mappings).toHaveLength(1);
      const settings = config.events.outboxRelay;
      expect(mappings[0]?.[1].Properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
        ...streamConsumerMapping(settings, dlq),
      });
      expect(resourceOf(template, dlq).Properties).toMatchObject({ SqsManagedSseEnabled: true });
      const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
        JSON.stringify(alarm.Properties.Dimensions ?? []).includes(dlq),
      );
      expect(alarms).toHaveLength(1);
    });

    it('runs the shared relay as the service, told its bus and its source', () => {
      expect((props(relay).Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: _,
        EVENT_SOURCE: source,
        EVENT_BUS_NAME: expect.anything(),
      });
    });

    it('the relay reads its stream and puts events on the bus as its own source, nothing else', () => {
      expect(busArnExport).toBeDefined();
      const stream = `\${${table}.StreamArn}`;
      expect(grantsOf(relay)).toEqual(
        expectedGrants(relay, [
          ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
            (action): Grant => [`dynamodb:${action}`, stream],
          ),
          ...['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map(
            (action): Grant => [`sqs:${action}`, `\${${dlq}.Arn}`],
          ),
          ['events:PutEvents', `\${import:${busArnExport}}`, asSource(source)],
        ]),
      );
    });

    it('no function but the relay may touch the outbox beyond adding items to it', () => {
      const others = resourcesOfType(template, 'AWS::Lambda::Function')
        .map(([id]) => id)
        .filter((id) => id !== relay);
      for (const fn of others) {
        const onOutbox = grantsOf(fn).filter(([, resource]) => resource.includes(table));
        expect(onOutbox.every(([action]) => action === 'dynamodb:PutItem')).toBe(true);
      }
    });
  });
});
