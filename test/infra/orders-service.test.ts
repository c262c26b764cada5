import { Match } from 'aws-cdk-lib/assertions';
import { STAGE_NAMES, STAGES, type StageName } from '../../lib/config/stage-config';
import { type Grant, grantsOfRole, sortGrants } from '../helpers/iam-grants';
import {
  logicalIdOf,
  referencedId,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

/** Data that must survive a stack deletion or replacement; only prod keeps it. */
const PROTECTED_DATA: Record<StageName, boolean> = { local: false, dev: false, prod: true };

describe.each(STAGE_NAMES)('orders service (%s)', (stage) => {
  const { orders: template, stacks } = shopTemplates(stage);
  const service = stacks.orders.orders;
  const eventStore = logicalIdOf(service.eventStore.table);
  const idempotency = logicalIdOf(service.idempotency.table);
  const placeOrder = logicalIdOf(service.placeOrder);
  const getOrder = logicalIdOf(service.getOrder);
  const config = STAGES[stage];

  const idsOfType = (type: string) =>
    resourcesOfType(template, type)
      .map(([id]) => id)
      .sort();
  const fnProps = (fnId: string) => resourceOf(template, fnId).Properties;
  const roleOf = (fnId: string) => referencedId(fnProps(fnId).Role);
  const logGroupOf = (fnId: string) =>
    referencedId((fnProps(fnId).LoggingConfig as { LogGroup: unknown }).LogGroup);

  describe('tables', () => {
    it('has exactly the EventStore and the idempotency table', () => {
      expect(idsOfType('AWS::DynamoDB::GlobalTable')).toEqual([eventStore, idempotency].sort());
      expect(template.findResources('AWS::DynamoDB::Table')).toEqual({});
    });

    it('EventStore: one item per event, keyed by aggregateId (S) and version (N)', () => {
      expect(resourceOf(template, eventStore).Properties).toMatchObject({
        KeySchema: [
          { AttributeName: 'aggregateId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'aggregateId', AttributeType: 'S' },
          { AttributeName: 'version', AttributeType: 'N' },
        ],
      });
    });

    it('idempotency table: keyed by id (S), records expire through the expiration attribute', () => {
      expect(resourceOf(template, idempotency).Properties).toMatchObject({
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      });
    });

    it.each([
      ['EventStore', eventStore],
      ['idempotency', idempotency],
    ])('%s table: on demand, encrypted, point-in-time recovery, stage data protection', (_name, id) => {
      const protect = PROTECTED_DATA[stage];
      expect(resourceOf(template, id)).toMatchObject({
        Type: 'AWS::DynamoDB::GlobalTable',
        DeletionPolicy: protect ? 'Retain' : 'Delete',
        UpdateReplacePolicy: protect ? 'Retain' : 'Delete',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true },
          Replicas: [
            {
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
              DeletionProtectionEnabled: protect,
            },
          ],
        },
      });
    });
  });

  describe('functions', () => {
    it('are exactly place-order and get-order', () => {
      expect(idsOfType('AWS::Lambda::Function')).toEqual([placeOrder, getOrder].sort());
    });

    it.each([
      ['place-order', placeOrder],
      ['get-order', getOrder],
    ])('%s: Node.js 24 on arm64, explicit memory, 10 s timeout, X-Ray, source maps', (_name, id) => {
      const props = fnProps(id);
      expect(props).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: expect.any(Number),
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'orders',
            POWERTOOLS_LOG_LEVEL: config.logs.level,
          },
        },
      });
    });

    it.each([
      ['place-order', placeOrder],
      ['get-order', getOrder],
    ])('%s: logs to its own log group with the stage retention', (_name, id) => {
      const logGroup = resourceOf(template, logGroupOf(id));
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(config.logs.retention);
      expect(logGroup.DeletionPolicy).toBe(PROTECTED_DATA[stage] ? 'Retain' : 'Delete');
    });

    it('do not share a log group', () => {
      expect(logGroupOf(placeOrder)).not.toBe(logGroupOf(getOrder));
    });

    it('place-order is told both of its tables, get-order only the EventStore', () => {
      const tableVariables = (fnId: string) =>
        Object.fromEntries(
          Object.entries(
            (fnProps(fnId).Environment as { Variables: Record<string, unknown> }).Variables,
          ).filter(([name]) => name.endsWith('_TABLE_NAME')),
        );
      expect(tableVariables(placeOrder)).toEqual({
        EVENT_STORE_TABLE_NAME: { Ref: eventStore },
        IDEMPOTENCY_TABLE_NAME: { Ref: idempotency },
      });
      expect(tableVariables(getOrder)).toEqual({ EVENT_STORE_TABLE_NAME: { Ref: eventStore } });
    });

    it.each([
      ['place-order', placeOrder],
      ['get-order', getOrder],
    ])('%s: an errors alarm at the stage threshold', (_name, id) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
        Statistic: 'Sum',
        Period: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: config.alarms.functionErrorsPerPeriod,
        TreatMissingData: 'notBreaching',
      });
    });
  });

  describe('least privilege', () => {
    const own = (fnId: string): Grant[] => [
      ['logs:CreateLogStream', `\${${logGroupOf(fnId)}.Arn}`],
      ['logs:PutLogEvents', `\${${logGroupOf(fnId)}.Arn}`],
      ['xray:PutTelemetryRecords', '*'],
      ['xray:PutTraceSegments', '*'],
    ];

    it('place-order appends to the EventStore and keeps idempotency records, nothing else', () => {
      expect(grantsOfRole(template, roleOf(placeOrder))).toEqual(
        sortGrants([
          ...own(placeOrder),
          ['dynamodb:PutItem', `\${${eventStore}.Arn}`],
          ['dynamodb:GetItem', `\${${idempotency}.Arn}`],
          ['dynamodb:PutItem', `\${${idempotency}.Arn}`],
          ['dynamodb:UpdateItem', `\${${idempotency}.Arn}`],
          ['dynamodb:DeleteItem', `\${${idempotency}.Arn}`],
        ]),
      );
    });

    it('get-order only queries the EventStore, nothing else', () => {
      expect(grantsOfRole(template, roleOf(getOrder))).toEqual(
        sortGrants([...own(getOrder), ['dynamodb:Query', `\${${eventStore}.Arn}`]]),
      );
    });

    it('each function has its own role, assumable by Lambda only, and no other role exists', () => {
      expect(idsOfType('AWS::IAM::Role')).toEqual([roleOf(placeOrder), roleOf(getOrder)].sort());
      template.allResourcesProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
          ],
        },
      });
    });

    it('no role has a managed policy', () => {
      template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
      expect(template.findResources('AWS::IAM::ManagedPolicy')).toEqual({});
    });
  });
});
