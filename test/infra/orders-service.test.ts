import { Match } from 'aws-cdk-lib/assertions';
import { STAGE_NAMES, STAGES, type StageName } from '../../lib/config/stage-config';
import { internalApiExportName } from '../../lib/constructs/internal-api';
import { asSource, type Grant, serviceFunctions } from '../helpers/iam-grants';
import {
  logicalIdOf,
  renderString,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';
import { streamConsumerMapping } from '../helpers/stream-consumer-expectations';

/** Data that must survive a stack deletion or replacement; only prod keeps it. */
const PROTECTED_DATA: Record<StageName, boolean> = { local: false, dev: false, prod: true };

describe.each(STAGE_NAMES)('orders service (%s)', (stage) => {
  const { orders: template, stacks } = shopTemplates(stage);
  const service = stacks.orders.orders;
  const config = STAGES[stage];
  const table = {
    eventStore: logicalIdOf(service.eventStore.table),
    snapshots: logicalIdOf(service.snapshots.table),
    orderViews: logicalIdOf(service.orderViews.table),
    idempotency: logicalIdOf(service.idempotency.table),
    choreographyIdempotency: logicalIdOf(service.choreography.idempotency.table),
  };
  const fn = {
    placeOrder: logicalIdOf(service.placeOrder),
    getOrder: logicalIdOf(service.getOrder),
    getOrderHistory: logicalIdOf(service.getOrderHistory),
    cancelOrder: logicalIdOf(service.cancelOrder),
    listCustomerOrders: logicalIdOf(service.listCustomerOrders),
    projector: logicalIdOf(service.projector.function),
    publisher: logicalIdOf(service.publisher.function),
    loadOrderStatus: logicalIdOf(service.loadOrderStatus),
    confirmOrder: logicalIdOf(service.confirmOrder),
    rejectOrder: logicalIdOf(service.rejectOrder),
    choreography: logicalIdOf(service.choreography.function.function),
  };
  const dlq = {
    projection: logicalIdOf(service.projection.deadLetters.queue),
    publication: logicalIdOf(service.publication.deadLetters.queue),
    choreography: logicalIdOf(service.choreography.deadLetters.queue),
  };
  // The publisher's bus comes from the Events stack, as an import of the export holding its ARN.
  const busId = logicalIdOf(stacks.events.events.bus);
  const busArnExport = Object.entries(
    shopTemplates(stage).events.toJSON().Outputs as Record<
      string,
      { Value: unknown; Export: { Name: string } }
    >,
  ).find(
    ([, output]) => JSON.stringify(output.Value) === JSON.stringify({ 'Fn::GetAtt': [busId, 'Arn'] }),
  )?.[1].Export.Name;
  const importedBusArn = `\${import:${busArnExport}}`;

  const idsOfType = (type: string) =>
    resourcesOfType(template, type)
      .map(([id]) => id)
      .sort();
  const { props: fnProps, roleOf, logGroupOf, grantsOf, expectedGrants } = serviceFunctions(template);
  const arn = (id: string, suffix = '') => `\${${id}.Arn}${suffix}`;

  describe('tables', () => {
    it("are exactly the EventStore, Snapshots, OrderViews and the idempotency tables (the API's, the choreography consumer's)", () => {
      expect(idsOfType('AWS::DynamoDB::GlobalTable')).toEqual(Object.values(table).sort());
      expect(template.findResources('AWS::DynamoDB::Table')).toEqual({});
    });

    it('EventStore: one item per event, keyed by aggregateId and version, streaming new images', () => {
      expect(resourceOf(template, table.eventStore).Properties).toMatchObject({
        KeySchema: [
          { AttributeName: 'aggregateId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'aggregateId', AttributeType: 'S' },
          { AttributeName: 'version', AttributeType: 'N' },
        ],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
    });

    it('Snapshots: keyed like the events, with a local index by occurredAt for asOf loads', () => {
      const props = resourceOf(template, table.snapshots).Properties;
      expect(props).toMatchObject({
        KeySchema: [
          { AttributeName: 'aggregateId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'byOccurredAt',
            KeySchema: [
              { AttributeName: 'aggregateId', KeyType: 'HASH' },
              { AttributeName: 'occurredAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      });
      expect(props.StreamSpecification).toBeUndefined();
    });

    it('OrderViews: one item per order, indexed by customer (newest first) and by status, streaming new images (push)', () => {
      expect(resourceOf(template, table.orderViews).Properties).toMatchObject({
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byCustomer',
            KeySchema: [
              { AttributeName: 'customerId', KeyType: 'HASH' },
              { AttributeName: 'customerOrderKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'byStatus',
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'updatedAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      });
    });

    it('idempotency table: keyed by id (S), records expire through the expiration attribute', () => {
      expect(resourceOf(template, table.idempotency).Properties).toMatchObject({
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      });
    });

    it.each(Object.entries(table))(
      '%s: on demand, encrypted, point-in-time recovery, stage data protection',
      (_, id) => {
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
      },
    );
  });

  describe('functions', () => {
    it('are exactly the five HTTP functions, the saga steps, the two stream consumers and the choreography consumer', () => {
      expect(idsOfType('AWS::Lambda::Function')).toEqual(Object.values(fn).sort());
    });

    it.each(Object.entries(fn))(
      '%s: Node.js 24 on arm64, explicit memory, 10 s timeout, X-Ray, own log group',
      (_, id) => {
        expect(fnProps(id)).toMatchObject({
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
        const logGroup = resourceOf(template, logGroupOf(id));
        expect(logGroup.Properties.RetentionInDays).toBe(config.logs.retention);
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
          Threshold: config.alarms.functionErrorsPerPeriod,
        });
      },
    );

    it('do not share log groups', () => {
      const groups = Object.values(fn).map(logGroupOf);
      expect(new Set(groups).size).toBe(groups.length);
    });

    it('are told exactly the tables, interval and bus they use', () => {
      const settings = (fnId: string) =>
        Object.fromEntries(
          Object.entries(
            (fnProps(fnId).Environment as { Variables: Record<string, unknown> }).Variables,
          ).filter(
            ([name]) =>
              name.endsWith('_TABLE_NAME') || name === 'SNAPSHOT_EVERY' || name === 'EVENT_BUS_NAME',
          ),
        );
      const repository = {
        EVENT_STORE_TABLE_NAME: { Ref: table.eventStore },
        SNAPSHOTS_TABLE_NAME: { Ref: table.snapshots },
        SNAPSHOT_EVERY: String(config.orders.snapshotEvery),
      };
      expect(settings(fn.placeOrder)).toEqual({
        ...repository,
        IDEMPOTENCY_TABLE_NAME: { Ref: table.idempotency },
      });
      expect(settings(fn.getOrder)).toEqual({
        ...repository,
        ORDER_VIEWS_TABLE_NAME: { Ref: table.orderViews },
      });
      expect(settings(fn.getOrderHistory)).toEqual({ EVENT_STORE_TABLE_NAME: { Ref: table.eventStore } });
      expect(settings(fn.listCustomerOrders)).toEqual({ ORDER_VIEWS_TABLE_NAME: { Ref: table.orderViews } });
      expect(settings(fn.projector)).toEqual({
        EVENT_STORE_TABLE_NAME: { Ref: table.eventStore },
        ORDER_VIEWS_TABLE_NAME: { Ref: table.orderViews },
      });
      expect(Object.keys(settings(fn.publisher))).toEqual(['EVENT_BUS_NAME']);
    });

    it('place-order is told the customers internal API (the stage URL of the imported id) and its timeout', () => {
      const variables = (fnProps(fn.placeOrder).Environment as { Variables: Record<string, unknown> })
        .Variables;
      const apiId = `\${import:${internalApiExportName(config, 'customers')}}`;
      expect(renderString(variables.CUSTOMERS_API_URL)).toBe(
        `https://${apiId}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/internal/`,
      );
      expect(variables.CUSTOMERS_API_TIMEOUT_MS).toBe(
        String(config.orders.customerLookupTimeout.toMilliseconds()),
      );
      // Inside the function's own timeout, so a slow customers service is a 503, not a timed-out request.
      expect(config.orders.customerLookupTimeout.toSeconds()).toBeLessThan(
        fnProps(fn.placeOrder).Timeout as number,
      );
    });
  });

  describe('stream consumers', () => {
    it.each([
      ['projector', fn.projector, dlq.projection, config.orders.projector],
      ['publisher', fn.publisher, dlq.publication, config.orders.publisher],
    ])(
      '%s: in order, partial failures, bisect, bounded retries and age, an SQS DLQ, INSERTs only',
      (_, fnId, dlqId, settings) => {
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          FunctionName: { Ref: fnId },
          EventSourceArn: { 'Fn::GetAtt': [table.eventStore, 'StreamArn'] },
          ...streamConsumerMapping(settings, dlqId),
        });
      },
    );

    it('are the only two stream event source mappings (the third reads the choreography queue)', () => {
      expect(idsOfType('AWS::Lambda::EventSourceMapping')).toHaveLength(3);
    });

    it.each(Object.entries(dlq))(
      '%s DLQ: encrypted, TLS only, kept 14 days, alarmed on the first message',
      (_, id) => {
        expect(resourceOf(template, id).Properties).toMatchObject({
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: 14 * 24 * 3600,
        });
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      },
    );
  });

  describe('least privilege', () => {
    const readsStream = (dlqId: string): Grant[] => [
      ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
        (action): Grant => [`dynamodb:${action}`, `\${${table.eventStore}.StreamArn}`],
      ),
      ...['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map(
        (action): Grant => [`sqs:${action}`, arn(dlqId)],
      ),
    ];
    const grants = grantsOf;

    it('place-order appends to the EventStore, keeps idempotency records, looks customers up and reads the callback key, nothing else', () => {
      const customersApi = `\${import:${internalApiExportName(config, 'customers')}}`;
      expect(grants(fn.placeOrder)).toEqual(
        expectedGrants(fn.placeOrder, [
          [
            'execute-api:Invoke',
            `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${customersApi}/internal/GET/customers/*`,
          ],
          ['dynamodb:PutItem', arn(table.eventStore)],
          ...['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map(
            (a): Grant => [`dynamodb:${a}`, arn(table.idempotency)],
          ),
          // The key each order's callback secret is derived from, and nothing else of Secrets Manager.
          ['secretsmanager:DescribeSecret', `\${${logicalIdOf(stacks.orders.orders.callbackSigningKey)}}`],
          ['secretsmanager:GetSecretValue', `\${${logicalIdOf(stacks.orders.orders.callbackSigningKey)}}`],
        ]),
      );
    });

    it('get-order reads its view, and queries events and snapshots (asOf), writing nothing', () => {
      expect(grants(fn.getOrder)).toEqual(
        expectedGrants(fn.getOrder, [
          ['dynamodb:GetItem', arn(table.orderViews)],
          ['dynamodb:Query', arn(table.eventStore)],
          ['dynamodb:Query', arn(table.snapshots)],
          ['dynamodb:Query', arn(table.snapshots, '/index/byOccurredAt')],
        ]),
      );
    });

    it('history only queries the EventStore; the customer listing only queries its index', () => {
      expect(grants(fn.getOrderHistory)).toEqual(
        expectedGrants(fn.getOrderHistory, [['dynamodb:Query', arn(table.eventStore)]]),
      );
      expect(grants(fn.listCustomerOrders)).toEqual(
        expectedGrants(fn.listCustomerOrders, [
          ['dynamodb:Query', arn(table.orderViews, '/index/byCustomer')],
        ]),
      );
    });

    it('the projector writes the read model and can only read the EventStore', () => {
      expect(grants(fn.projector)).toEqual(
        expectedGrants(fn.projector, [
          ...readsStream(dlq.projection),
          ['dynamodb:Query', arn(table.eventStore)],
          ...['BatchGetItem', 'GetItem', 'PutItem'].map(
            (a): Grant => [`dynamodb:${a}`, arn(table.orderViews)],
          ),
        ]),
      );
      const writes = grants(fn.projector).filter(
        ([action, resource]) => resource.includes(table.eventStore) && /Put|Update|Delete|Write/.test(action),
      );
      expect(writes).toEqual([]);
    });

    it("the saga's first step only reads its order (snapshot + tail)", () => {
      expect(grants(fn.loadOrderStatus)).toEqual(
        expectedGrants(fn.loadOrderStatus, [
          ['dynamodb:Query', arn(table.eventStore)],
          ['dynamodb:Query', arn(table.snapshots)],
        ]),
      );
    });

    it('the saga steps and cancellation load (snapshot + tail) and append to their order, snapshotting when due', () => {
      for (const fnId of [fn.confirmOrder, fn.rejectOrder, fn.cancelOrder]) {
        expect(grants(fnId)).toEqual(
          expectedGrants(fnId, [
            ['dynamodb:PutItem', arn(table.eventStore)],
            ['dynamodb:Query', arn(table.eventStore)],
            ['dynamodb:PutItem', arn(table.snapshots)],
            ['dynamodb:Query', arn(table.snapshots)],
          ]),
        );
      }
    });

    it('the publisher can only put events on its bus, as shop.orders (and read the stream it relays)', () => {
      expect(busArnExport).toBeDefined();
      expect(grants(fn.publisher)).toEqual(
        expectedGrants(fn.publisher, [
          ...readsStream(dlq.publication),
          ['events:PutEvents', importedBusArn, asSource('shop.orders')],
        ]),
      );
    });

    it('the choreography consumer loads and appends to its order, snapshotting when due, and keeps its idempotency records', () => {
      const queue = logicalIdOf(service.choreography.queue);
      expect(grants(fn.choreography)).toEqual(
        expectedGrants(fn.choreography, [
          ['dynamodb:PutItem', arn(table.eventStore)],
          ['dynamodb:Query', arn(table.eventStore)],
          ['dynamodb:PutItem', arn(table.snapshots)],
          ['dynamodb:Query', arn(table.snapshots)],
          ...['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'].map(
            (a): Grant => [`dynamodb:${a}`, arn(table.choreographyIdempotency)],
          ),
          ...[
            'ChangeMessageVisibility',
            'DeleteMessage',
            'GetQueueAttributes',
            'GetQueueUrl',
            'ReceiveMessage',
          ].map((a): Grant => [`sqs:${a}`, arn(queue)]),
        ]),
      );
    });

    it('each function has its own role, assumable by Lambda only, and no other role exists', () => {
      expect(idsOfType('AWS::IAM::Role')).toEqual(Object.values(fn).map(roleOf).sort());
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

describe.each(STAGE_NAMES)('domain event bus (%s)', (stage) => {
  const { events } = shopTemplates(stage);
  it('archives every shop.* event for the stage retention, so consumers can be replayed', () => {
    events.resourceCountIs('AWS::Events::EventBus', 1);
    events.hasResourceProperties('AWS::Events::EventBus', {
      Name: `${STAGES[stage].stackPrefix}-domain-events`,
    });
    events.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: [{ prefix: 'shop.' }] },
      RetentionDays: STAGES[stage].events.archiveRetention.toDays(),
    });
  });
});
