import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

describe.each(STAGE_NAMES)('payments service and stub provider (%s)', (stage) => {
  const { payments: template, stacks } = shopTemplates(stage);
  const { payments, provider } = stacks.payments;
  const config = STAGES[stage];
  const { props, grantsOf, expectedGrants } = serviceFunctions(template);
  const table = (construct: { table: object }) => logicalIdOf(construct.table as never);
  const on = (tableId: string, ...actions: string[]): Grant[] =>
    actions.map((a) => [`dynamodb:${a}`, `\${${tableId}.Arn}`]);
  const charge = logicalIdOf(payments.charge);
  const refund = logicalIdOf(payments.refund);
  const paymentsTable = table(payments.payments);
  const breakers = table(payments.breakers);

  it('owns the Payments and CircuitBreakers tables; the provider has its own ledger', () => {
    expect(
      resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')
        .map(([id]) => id)
        .sort(),
    ).toEqual([paymentsTable, breakers, table(provider.ledger)].sort());
  });

  it('tells both tasks the provider URL, its timeout and the stage breaker settings', () => {
    const { breaker } = config.payments;
    for (const fn of [charge, refund]) {
      expect((props(fn).Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        PROVIDER_TIMEOUT_MS: String(config.payments.providerTimeout.toMilliseconds()),
        BREAKER_FAILURES: String(breaker.failures),
        BREAKER_WINDOW_MS: String(breaker.window.toMilliseconds()),
        BREAKER_OPEN_MS: String(breaker.open.toMilliseconds()),
        BREAKER_PROBE_TIMEOUT_MS: String(breaker.probeTimeout.toMilliseconds()),
        PAYMENTS_TABLE_NAME: { Ref: paymentsTable },
        BREAKER_TABLE_NAME: { Ref: breakers },
        PROVIDER_URL: expect.objectContaining({ 'Fn::Join': expect.any(Array) }),
      });
      // The provider call gives up well before the function does.
      expect(config.payments.providerTimeout.toSeconds()).toBeLessThan(Number(props(fn).Timeout));
    }
  });

  it('grants each task its own table operations and the breaker item, nothing of the provider', () => {
    const breakerGrants = on(breakers, 'GetItem', 'PutItem', 'UpdateItem');
    expect(grantsOf(charge)).toEqual(
      expectedGrants(charge, [...on(paymentsTable, 'GetItem', 'PutItem'), ...breakerGrants]),
    );
    expect(grantsOf(refund)).toEqual(
      expectedGrants(refund, [...on(paymentsTable, 'GetItem', 'UpdateItem'), ...breakerGrants]),
    );
  });

  it('exposes the provider admin route only where the stage has test hooks', () => {
    const paths = resourcesOfType(template, 'AWS::ApiGateway::Resource').map(
      ([, r]) => r.Properties.PathPart,
    );
    expect(paths.includes('behaviour')).toBe(config.testHooks);
    expect(resourceOf(template, logicalIdOf(provider.api)).Properties.Name).toBe(
      `${config.stackPrefix}-payment-provider`,
    );
  });
});
