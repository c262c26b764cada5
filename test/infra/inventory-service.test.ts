import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

describe.each(STAGE_NAMES)('inventory service (%s)', (stage) => {
  const { inventory: template, stacks } = shopTemplates(stage);
  const service = stacks.inventory.inventory;
  const table = logicalIdOf(service.inventory.table);
  const outbox = logicalIdOf(service.outbox.table.table);
  const idempotency = logicalIdOf(service.choreography.idempotency.table);
  const { grantsOf, expectedGrants } = serviceFunctions(template);
  const onTable = (...actions: string[]): Grant[] =>
    actions.map((a) => [`dynamodb:${a}`, `\${${table}.Arn}`]);
  const writesEvents: Grant[] = [['dynamodb:PutItem', `\${${outbox}.Arn}`]];

  it("owns its table, keyed by id, on demand with point-in-time recovery, its outbox and its consumer's idempotency table", () => {
    expect(
      resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')
        .map(([id]) => id)
        .sort(),
    ).toEqual([table, outbox, idempotency].sort());
    expect(resourceOf(template, table).Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has the stock test hooks only where the stage allows them', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function')
      .map(([id]) => id)
      .sort();
    const saga = [logicalIdOf(service.reserve), logicalIdOf(service.release)];
    const relay = [
      logicalIdOf(service.outbox.relay.function),
      logicalIdOf(service.choreography.function.function),
    ];
    const hooks = service.stockApi
      ? [logicalIdOf(service.stockApi.setStock), logicalIdOf(service.stockApi.getStock)]
      : [];
    // The public catalogue's read is in every stage; only the stock hooks depend on it.
    const catalogue = [logicalIdOf(service.getProduct)];
    expect(hooks.length > 0).toBe(STAGES[stage].testHooks);
    expect(functions).toEqual([...saga, ...relay, ...catalogue, ...hooks].sort());
  });

  it('lets the catalogue read one item of its table, and nothing else', () => {
    const getProduct = logicalIdOf(service.getProduct);
    expect(grantsOf(getProduct)).toEqual(expectedGrants(getProduct, onTable('GetItem')));
  });

  it('grants each function exactly its operations on its own table, and the steps writing events to its outbox', () => {
    const reserve = logicalIdOf(service.reserve);
    const release = logicalIdOf(service.release);
    expect(grantsOf(reserve)).toEqual(
      expectedGrants(reserve, [
        ...onTable('BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'),
        ...writesEvents,
      ]),
    );
    expect(grantsOf(release)).toEqual(
      expectedGrants(release, [...onTable('GetItem', 'PutItem', 'UpdateItem'), ...writesEvents]),
    );
    // The choreography consumer reserves and releases as both steps do, reading its own queue.
    const consumer = logicalIdOf(service.choreography.function.function);
    const queue = logicalIdOf(service.choreography.queue);
    expect(grantsOf(consumer)).toEqual(
      expectedGrants(consumer, [
        ...onTable('BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'),
        ...writesEvents,
        ...['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'].map(
          (a): Grant => [`dynamodb:${a}`, `\${${idempotency}.Arn}`],
        ),
        ...[
          'ChangeMessageVisibility',
          'DeleteMessage',
          'GetQueueAttributes',
          'GetQueueUrl',
          'ReceiveMessage',
        ].map((a): Grant => [`sqs:${a}`, `\${${queue}.Arn}`]),
      ]),
    );
    if (service.stockApi) {
      const set = logicalIdOf(service.stockApi.setStock);
      const get = logicalIdOf(service.stockApi.getStock);
      expect(grantsOf(set)).toEqual(expectedGrants(set, onTable('UpdateItem')));
      expect(grantsOf(get)).toEqual(expectedGrants(get, onTable('GetItem')));
    }
  });
});
