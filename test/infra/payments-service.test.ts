import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import { logicalIdOf, resourceOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

describe.each(STAGE_NAMES)('payments service and its provider account (%s)', (stage) => {
  const { payments: template, stacks } = shopTemplates(stage);
  const { payments, provider } = stacks.payments;
  const config = STAGES[stage];
  const source = config.payments.provider;
  /** The account secret as the grants render it: the stub's own secret, or the operator's by name. */
  const accountArn =
    source.kind === 'stub'
      ? `\${${logicalIdOf(provider?.account.node.defaultChild as never)}}`
      : `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${source.secretName}-??????`;
  const readAccount: Grant[] = [
    ['secretsmanager:DescribeSecret', accountArn],
    ['secretsmanager:GetSecretValue', accountArn],
  ];
  const { props, grantsOf, expectedGrants } = serviceFunctions(template);
  const table = (construct: { table: object }) => logicalIdOf(construct.table as never);
  const on = (tableId: string, ...actions: string[]): Grant[] =>
    actions.map((a) => [`dynamodb:${a}`, `\${${tableId}.Arn}`]);
  const charge = logicalIdOf(payments.charge);
  const refund = logicalIdOf(payments.refund);
  const paymentsTable = table(payments.payments);
  const breakers = table(payments.breakers);
  const outbox = table(payments.outbox.table);
  const relay = logicalIdOf(payments.outbox.relay.function);

  it("owns the Payments, CircuitBreakers and Outbox tables, and its consumer's idempotency and facts tables; a stub provider has its own ledger", () => {
    expect(
      resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')
        .map(([id]) => id)
        .sort(),
    ).toEqual(
      [
        paymentsTable,
        breakers,
        outbox,
        table(payments.choreography.idempotency),
        table(payments.choreography.facts as never),
        ...(provider ? [table(provider.ledger)] : []),
      ].sort(),
    );
  });

  it('deploys the stub provider only where the stage asks for it: no stub, no test hook in prod', () => {
    expect(source.kind).toBe(stage === 'prod' ? 'external' : 'stub');
    expect(provider === undefined).toBe(source.kind === 'external');
    // Besides payments' own internal API, which every stage has.
    const apis = resourcesOfType(template, 'AWS::ApiGateway::RestApi');
    expect(apis.length).toBe(source.kind === 'stub' ? 2 : 1);
    expect(resourcesOfType(template, 'AWS::SecretsManager::Secret').length).toBe(
      source.kind === 'stub' ? 2 : 0,
    );
    expect(Object.keys(template.toJSON().Outputs ?? {}).some((k) => k.includes('PaymentProvider'))).toBe(
      source.kind === 'stub',
    );
  });

  it("tells both tasks the account secret, the provider's timeout and the stage breaker settings", () => {
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
        OUTBOX_TABLE_NAME: { Ref: outbox },
        PROVIDER_ACCOUNT_SECRET_ARN:
          source.kind === 'stub'
            ? { Ref: logicalIdOf(provider?.account.node.defaultChild as never) }
            : expect.objectContaining({ 'Fn::Join': expect.any(Array) }),
      });
      const variables = JSON.stringify((props(fn).Environment as { Variables: unknown }).Variables);
      expect(variables).not.toMatch(/apiKey|PROVIDER_URL/);
      // The provider call gives up well before the function does.
      expect(config.payments.providerTimeout.toSeconds()).toBeLessThan(Number(props(fn).Timeout));
    }
  });

  it('grants each task its own table operations, writing events to its outbox, the breaker item and reading the account, nothing of the provider', () => {
    const breakerGrants = on(breakers, 'GetItem', 'PutItem', 'UpdateItem');
    // Answers and settlements are Puts conditioned on the payment's status, each with its event.
    for (const fn of [charge, refund]) {
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [
          ...on(paymentsTable, 'GetItem', 'PutItem'),
          ...on(outbox, 'PutItem'),
          ...breakerGrants,
          ...readAccount,
        ]),
      );
    }
  });

  // Prod has no stub: the test above proves it, and there is nothing here to check.
  if (!provider) return;
  describe('the stub provider', () => {
    const stub = provider;
    const providerFn = () =>
      resourcesOfType(template, 'AWS::Lambda::Function')
        .map(([id]) => id)
        .filter(
          (id) => ![charge, refund, relay, logicalIdOf(payments.choreography.function.function)].includes(id),
        );
    const secretOf = (secret: object) =>
      logicalIdOf((secret as { node: { defaultChild: never } }).node.defaultChild);

    it('keeps the key it issued in its own generated secret, which only it may read', () => {
      const issued = resourcesOfType(template, 'AWS::SecretsManager::Secret').filter(
        ([id]) => id !== secretOf(stub.account),
      );
      expect(issued).toHaveLength(1);
      const [issuedId, issuedSecret] = issued[0] as (typeof issued)[number];
      expect(issuedSecret.Properties.GenerateSecretString).toMatchObject({
        GenerateStringKey: 'apiKey',
        ExcludePunctuation: true,
        PasswordLength: 40,
      });
      const [fn] = providerFn();
      expect(props(fn as string).Environment).toMatchObject({
        Variables: { ISSUED_KEY_SECRET_ARN: { Ref: issuedId } },
      });
      expect(grantsOf(fn as string)).toEqual(
        expectedGrants(fn as string, [
          ...on(table(stub.ledger), 'GetItem', 'PutItem', 'UpdateItem'),
          ['secretsmanager:DescribeSecret', `\${${issuedId}}`],
          ['secretsmanager:GetSecretValue', `\${${issuedId}}`],
        ]),
      );
      // The shop's account copies the issued key by a dynamic reference: no template holds its value.
      const account = JSON.stringify(resourceOf(template, secretOf(stub.account)).Properties.SecretString);
      expect(account).toContain(`{{resolve:secretsmanager:`);
      expect(account).toContain(':SecretString:apiKey::}}');
    });

    it('exposes the admin route only where the stage has test hooks', () => {
      const paths = resourcesOfType(template, 'AWS::ApiGateway::Resource').map(
        ([, r]) => r.Properties.PathPart,
      );
      expect(paths.includes('behaviour')).toBe(config.testHooks);
      expect(resourceOf(template, logicalIdOf(stub.api)).Properties.Name).toBe(
        `${config.stackPrefix}-payment-provider`,
      );
    });
  });
});
