import { CUSTOMERS_INTERNAL_ROUTES } from '../../lambdas/customers/contract';
import { STAGE_NAMES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import { expectInternalApi } from '../helpers/internal-api-expectations';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

describe.each(STAGE_NAMES)('customers service (%s)', (stage) => {
  const { customers: template, stacks } = shopTemplates(stage);
  const service = stacks.customers.customers;
  const customers = logicalIdOf(service.customers.table);
  const idempotency = logicalIdOf(service.idempotency.table);
  const { grantsOf, expectedGrants } = serviceFunctions(template);
  const on = (table: string, ...actions: string[]): Grant[] =>
    actions.map((a) => [`dynamodb:${a}`, `\${${table}.Arn}`]);

  it('owns the Customers table (keyed by customerId) and its idempotency records', () => {
    expect(
      resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')
        .map(([id]) => id)
        .sort(),
    ).toEqual([customers, idempotency].sort());
    expect(resourceOf(template, customers).Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
    });
  });

  it('grants create exactly its put and the idempotency records; get only reads', () => {
    const create = logicalIdOf(service.createCustomer);
    const get = logicalIdOf(service.getCustomer);
    expect(grantsOf(create)).toEqual(
      expectedGrants(create, [
        ...on(customers, 'PutItem'),
        ...on(idempotency, 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'),
      ]),
    );
    expect(grantsOf(get)).toEqual(expectedGrants(get, on(customers, 'GetItem')));
  });

  describe('internal API (for other services)', () => {
    expectInternalApi(stage, template, 'customers', service.internalApi, [
      {
        ...CUSTOMERS_INTERNAL_ROUTES.getCustomer,
        operationName: 'GetCustomer',
        handler: service.getCustomer,
      },
    ]);
  });
});
