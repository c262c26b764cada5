import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { internalApiExportName } from '../../lib/constructs/internal-api';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import {
  logicalIdOf,
  referencedId,
  renderString,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

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
    const api = logicalIdOf(service.internalApi.api);
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(
      ([, method]) => JSON.stringify(method.Properties.RestApiId) === JSON.stringify({ Ref: api }),
    );

    it('answers GET /customers/{customerId} with the get-customer function, and nothing else', () => {
      expect(methods).toHaveLength(1);
      const [, method] = methods[0] as (typeof methods)[number];
      expect(method.Properties).toMatchObject({
        HttpMethod: 'GET',
        OperationName: 'GetCustomer',
        RequestParameters: { 'method.request.path.customerId': true },
      });
      const resource = resourceOf(template, referencedId(method.Properties.ResourceId));
      const parent = resourceOf(template, referencedId(resource.Properties.ParentId));
      expect([parent.Properties.PathPart, resource.Properties.PathPart]).toEqual([
        'customers',
        '{customerId}',
      ]);
      expect(JSON.stringify(method.Properties.Integration)).toContain(logicalIdOf(service.getCustomer));
    });

    it('requires IAM authorization (SigV4) on every method: no anonymous caller gets in', () => {
      expect(methods.length).toBeGreaterThan(0);
      for (const [, method] of methods) expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
    });

    it('raises an alarm on server errors (5XX) at the stage threshold', () => {
      const apiName = resourceOf(template, api).Properties.Name;
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: apiName }],
        Threshold: STAGES[stage].alarms.api5xxPerPeriod,
      });
    });

    it('exports its id under the fixed name its callers import, and its URL as an output', () => {
      const outputs = template.toJSON().Outputs as Record<
        string,
        { Value: unknown; Export?: { Name: string } }
      >;
      expect(outputs.CustomersInternalApiId).toEqual({
        Description: expect.any(String),
        Value: { Ref: api },
        Export: { Name: internalApiExportName(STAGES[stage], 'customers') },
      });
      const url = renderString(outputs.CustomersInternalApiUrl?.Value);
      const apiStage = /\/\$\{(\w+)\}\/$/.exec(url)?.[1] ?? '';
      expect(url).toBe(`https://\${${api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${apiStage}}/`);
      expect(resourceOf(template, apiStage).Properties.StageName).toBe('internal');
    });
  });
});
