import { BFF_ROUTES, CUSTOMER_ID_CLAIM } from '../../lambdas/bff/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import {
  logicalIdOf,
  renderString,
  resourceOf,
  resourcePathOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

describe.each(STAGE_NAMES)("the shop's apps' backends (%s)", (stage) => {
  const config = STAGES[stage];
  const { apps: template, edge, stacks } = shopTemplates(stage);
  const { apps } = stacks.apps;
  const identity = stacks.edge.identity;
  const breakers = logicalIdOf(apps.breakers.table);
  const { grantsOf, expectedGrants } = serviceFunctions(template);

  describe('sign-in: the user pool and an app client per app', () => {
    it('declares the customer attribute a token carries as custom:customerId', () => {
      const pool = resourceOf(edge, logicalIdOf(identity.userPool)).Properties;
      expect(pool.Schema).toContainEqual(
        expect.objectContaining({
          Name: CUSTOMER_ID_CLAIM.replace('custom:', ''),
          AttributeDataType: 'String',
          Mutable: true,
        }),
      );
    });

    it('gives each app a client without a secret, for USER_PASSWORD_AUTH and refresh, no OAuth, that reads the customer and never writes it', () => {
      for (const app of ['web', 'mobile'] as const) {
        const client = resourceOf(edge, logicalIdOf(identity.appClients[app])).Properties;
        expect(client).toMatchObject({
          ClientName: `${app}-app`,
          GenerateSecret: false,
          PreventUserExistenceErrors: 'ENABLED',
        });
        expect([...(client.ExplicitAuthFlows as string[])].sort()).toEqual([
          'ALLOW_REFRESH_TOKEN_AUTH',
          'ALLOW_USER_PASSWORD_AUTH',
        ]);
        expect(client.AllowedOAuthFlows).toBeUndefined();
        expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
        expect(client.ReadAttributes).toContain(CUSTOMER_ID_CLAIM);
        expect(client.WriteAttributes).not.toContain(CUSTOMER_ID_CLAIM);
      }
      const outputs = edge.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(outputs.UserPoolId?.Value).toEqual({ Ref: logicalIdOf(identity.userPool) });
      expect(outputs.UserPoolClientId?.Value).toEqual({ Ref: logicalIdOf(identity.appClients.web) });
      expect(outputs.MobileUserPoolClientId?.Value).toEqual({ Ref: logicalIdOf(identity.appClients.mobile) });
    });
  });

  describe.each(['web', 'mobile'] as const)('the %s app’s API', (app) => {
    const bff = apps.apis[app];
    const api = logicalIdOf(bff.api);
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(
      ([, method]) =>
        JSON.stringify(method.Properties.RestApiId) === JSON.stringify({ Ref: api }) &&
        method.Properties.HttpMethod !== 'OPTIONS',
    );

    it('serves exactly the /me routes, each to the app’s function', () => {
      expect(
        methods
          .map(([, m]) => `${m.Properties.HttpMethod} ${resourcePathOf(template, m.Properties.ResourceId)}`)
          .sort(),
      ).toEqual(
        Object.values(BFF_ROUTES)
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      );
      for (const [, method] of methods) {
        expect(JSON.stringify(method.Properties.Integration)).toContain(logicalIdOf(apps.functions[app]));
      }
    });

    it('requires a signed-in user (the pool’s Cognito authorizer, ID tokens: no scopes) and the app’s API key on every method', () => {
      const authorizers = resourcesOfType(template, 'AWS::ApiGateway::Authorizer').filter(
        ([, a]) => JSON.stringify(a.Properties.RestApiId) === JSON.stringify({ Ref: api }),
      );
      expect(authorizers).toHaveLength(1);
      const [authorizerId, authorizer] = authorizers[0] as (typeof authorizers)[number];
      expect(authorizer.Properties.Type).toBe('COGNITO_USER_POOLS');
      expect(JSON.stringify(authorizer.Properties.ProviderARNs)).toContain(logicalIdOf(identity.userPool));
      expect(methods).toHaveLength(4);
      for (const [, method] of methods) {
        expect(method.Properties).toMatchObject({
          AuthorizationType: 'COGNITO_USER_POOLS',
          AuthorizerId: { Ref: authorizerId },
          ApiKeyRequired: true,
        });
        expect(method.Properties.AuthorizationScopes).toBeUndefined();
      }
    });

    it('binds the app’s key to its usage plan, with the stage’s throttle and daily quota on the API’s stage', () => {
      const plan = resourceOf(template, logicalIdOf(bff.usagePlan)).Properties;
      const { rateLimit, burstLimit, quotaPerDay } = config.apps.usagePlans[app];
      expect(plan).toMatchObject({
        Throttle: { RateLimit: rateLimit, BurstLimit: burstLimit },
        Quota: { Limit: quotaPerDay, Period: 'DAY' },
        ApiStages: [{ ApiId: { Ref: api }, Stage: expect.anything() }],
      });
      template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
        KeyId: { Ref: logicalIdOf(bff.apiKey) },
        KeyType: 'API_KEY',
        UsagePlanId: { Ref: logicalIdOf(bff.usagePlan) },
      });
    });

    it('outputs its URL, and its key value only on local', () => {
      const key = app === 'web' ? 'WebBff' : 'MobileBff';
      const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(renderString(outputs[`${key}Url`]?.Value)).toMatch(/^https:\/\/\$\{\w+\}\.execute-api\./);
      expect(outputs[`${key}ApiKey`] !== undefined).toBe(stage === 'local');
      const keyValue = resourceOf(template, logicalIdOf(bff.apiKey)).Properties.Value;
      expect(keyValue !== undefined).toBe(stage === 'local');
    });

    it('raises an alarm on server errors (5XX) at the stage threshold', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: resourceOf(template, api).Properties.Name }],
        Threshold: config.alarms.api5xxPerPeriod,
      });
    });
  });

  describe('the apps’ functions', () => {
    const invoke = (service: string, route: string): Grant => [
      'execute-api:Invoke',
      `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${import:${config.stackPrefix}-${service}InternalApiId}/internal/${route}`,
    ];
    const breakerGrants: Grant[] = ['GetItem', 'PutItem', 'UpdateItem'].map((a) => [
      `dynamodb:${a}`,
      `\${${breakers}.Arn}`,
    ]);
    const orderCommands = [
      invoke('Orders', 'GET/orders/*'),
      invoke('Orders', 'POST/orders'),
      invoke('Orders', 'POST/orders/*/cancel'),
      invoke('Orders', 'GET/customers/*/orders'),
    ];

    it('lets web call exactly the methods its composition and commands need, and its breakers', () => {
      const fn = logicalIdOf(apps.functions.web);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [
          ...breakerGrants,
          ...orderCommands,
          invoke('Customers', 'GET/customers/*'),
          invoke('Payments', 'GET/payments/*'),
          invoke('Shipping', 'GET/shipments/*'),
        ]),
      );
    });

    it('lets mobile read no customer and no payment: a phone shows neither', () => {
      const fn = logicalIdOf(apps.functions.mobile);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [...breakerGrants, ...orderCommands, invoke('Shipping', 'GET/shipments/*')]),
      );
    });

    it('gives each part less time than the deadline, and the deadline and commands less than the function', () => {
      for (const app of ['web', 'mobile'] as const) {
        const props = resourceOf(template, logicalIdOf(apps.functions[app])).Properties;
        const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
        const timeoutMs = Number(props.Timeout) * 1000;
        expect(Number(env.PART_TIMEOUT_MS)).toBeLessThanOrEqual(Number(env.DEADLINE_MS));
        expect(Number(env.DEADLINE_MS)).toBeLessThan(timeoutMs);
        expect(Number(env.COMMAND_TIMEOUT_MS)).toBeLessThan(timeoutMs);
        for (const name of ['ORDERS_API_URL', 'CUSTOMERS_API_URL', 'PAYMENTS_API_URL', 'SHIPPING_API_URL']) {
          expect(renderString(env[name])).toMatch(
            /^https:\/\/\$\{import:.*InternalApiId\}\.execute-api\..*\/internal\/$/,
          );
        }
      }
    });
  });
});
