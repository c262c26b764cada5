import { PUSH_ENV } from '../../lambdas/push/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { type Grant, serviceFunctions } from '../helpers/iam-grants';
import {
  logicalIdOf,
  renderString,
  resourceOf,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';
import { streamConsumerMapping } from '../helpers/stream-consumer-expectations';

describe.each(STAGE_NAMES)('order updates over WebSocket (%s)', (stage) => {
  const config = STAGES[stage];
  const { push: template, orders: ordersTemplate, stacks } = shopTemplates(stage);
  const { push } = stacks.push;
  const api = logicalIdOf(push.api);
  const table = logicalIdOf(push.connections.table);
  const fn = {
    authorizer: logicalIdOf(push.authorizer),
    connections: logicalIdOf(push.connectionHandler),
    messages: logicalIdOf(push.messageHandler),
    fanOut: logicalIdOf(push.fanOut),
  };
  const dlq = logicalIdOf(push.fanOutConsumer.deadLetters.queue);
  const { props, grantsOf, expectedGrants } = serviceFunctions(template);
  const env = (fnId: string) => (props(fnId).Environment as { Variables: Record<string, unknown> }).Variables;
  const ofApi = (type: string) =>
    resourcesOfType(template, type).filter(
      ([, resource]) => JSON.stringify(resource.Properties.ApiId) === JSON.stringify({ Ref: api }),
    );

  /** The function a route's integration invokes, by logical id. */
  const routeTargets = () =>
    Object.fromEntries(
      ofApi('AWS::ApiGatewayV2::Route').map(([, route]) => {
        const integrationId = renderString(route.Properties.Target).replace(
          /^integrations\/\$\{(\w+)\}$/,
          '$1',
        );
        const uri = JSON.stringify(resourceOf(template, integrationId).Properties.IntegrationUri);
        const target = Object.entries(fn).find(([, id]) => uri.includes(`"${id}"`))?.[0];
        return [route.Properties.RouteKey as string, target];
      }),
    );

  it('selects a message’s route by its action, and serves exactly $connect, $disconnect, subscribe and $default', () => {
    expect(resourceOf(template, api).Properties).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    expect(routeTargets()).toEqual({
      $connect: 'connections',
      $disconnect: 'connections',
      subscribe: 'messages',
      $default: 'messages',
    });
    for (const [, integration] of ofApi('AWS::ApiGatewayV2::Integration')) {
      expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
    }
  });

  it('authorizes $connect, and only $connect, with the Lambda authorizer on ?token=', () => {
    const authorizers = ofApi('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0] as (typeof authorizers)[number];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(`"${fn.authorizer}"`);
    const routes = Object.fromEntries(
      ofApi('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]),
    );
    expect(routes.$connect).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: authorizerId },
    });
    for (const key of ['$disconnect', 'subscribe', '$default']) {
      expect(routes[key]?.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('verifies ID tokens of the shop’s pool from both apps’ clients', () => {
    const { identity } = stacks.edge;
    const rendered = JSON.stringify(env(fn.authorizer));
    expect(rendered).toContain(logicalIdOf(identity.userPool));
    expect(env(fn.authorizer)[PUSH_ENV.userPoolClientIds]).toBeDefined();
    for (const client of Object.values(identity.appClients)) expect(rendered).toContain(logicalIdOf(client));
  });

  it('logs every connect, message and disconnect as a JSON line, and throttles the stage as the REST APIs', () => {
    const stages = ofApi('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const { Properties } = (stages[0] as (typeof stages)[number])[1];
    expect(Properties).toMatchObject({
      StageName: 'v1',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logicalIdOf(push.accessLogs), 'Arn'] } },
      DefaultRouteSettings: {
        ThrottlingRateLimit: config.api.throttle.rateLimit,
        ThrottlingBurstLimit: config.api.throttle.burstLimit,
      },
    });
    const format = JSON.parse((Properties.AccessLogSettings as { Format: string }).Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      connectionId: '$context.connectionId',
      status: '$context.status',
    });
  });

  it('outputs the stage’s wss:// URL, and gives the fan-out the stage’s @connections endpoint', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const url = `\${${api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/v1`;
    expect(renderString(outputs.WebSocketUrl?.Value)).toBe(`wss://${url}`);
    expect(renderString(env(fn.fanOut)[PUSH_ENV.managementApiUrl])).toBe(`https://${url}`);
  });

  it('keeps connections and subscriptions in one table keyed pk/sk, expiring through expiresAt', () => {
    expect(resourceOf(template, table).Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  describe('the fan-out: the OrderViews stream', () => {
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    const mapping = mappings[0]?.[1].Properties ?? {};
    const stream = renderString(mapping.EventSourceArn);

    it('reads the orders read model’s stream: in order, partial failures, bisect, bounded retries and age, an SQS DLQ, inserts and changes', () => {
      expect(mappings).toHaveLength(1);
      expect(stream).toMatch(/^\$\{import:.*OrderViews.*StreamArn.*\}$/);
      const settings = config.push.fanOut;
      expect(mapping).toMatchObject({
        FunctionName: { Ref: fn.fanOut },
        ...streamConsumerMapping(settings, dlq, ['INSERT', 'MODIFY']),
      });
      // The stream it imports is the OrderViews table's, exported by the orders stack.
      const exported = Object.values(
        ordersTemplate.toJSON().Outputs as Record<string, Record<string, unknown>>,
      )
        .filter((o) => stream.includes(String((o.Export as { Name: string } | undefined)?.Name)))
        .map((o) => renderString(o.Value));
      expect(exported).toEqual([`\${${logicalIdOf(stacks.orders.orders.orderViews.table)}.StreamArn}`]);
    });

    it('dead-letters what it cannot deliver into an alarmed queue', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
        Threshold: 1,
      });
    });

    it('may read the stream, post to the stage’s connections and keep its subscriptions, nothing else', () => {
      expect(grantsOf(fn.fanOut)).toEqual(
        expectedGrants(fn.fanOut, [
          ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
            (a): Grant => [`dynamodb:${a}`, stream],
          ),
          ...['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map(
            (a): Grant => [`sqs:${a}`, `\${${dlq}.Arn}`],
          ),
          ...['Query', 'GetItem', 'UpdateItem', 'DeleteItem'].map(
            (a): Grant => [`dynamodb:${a}`, `\${${table}.Arn}`],
          ),
          postToConnections,
        ]),
      );
    });
  });

  const postToConnections: Grant = [
    'execute-api:ManageConnections',
    `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${api}}/v1/POST/@connections/*`,
  ];

  describe('least privilege', () => {
    it('the authorizer may do nothing but log: it verifies tokens against the pool’s public keys', () => {
      expect(grantsOf(fn.authorizer)).toEqual(expectedGrants(fn.authorizer, []));
    });

    it('$connect and $disconnect record and forget connections, nothing else', () => {
      expect(grantsOf(fn.connections)).toEqual(
        expectedGrants(
          fn.connections,
          ['PutItem', 'GetItem', 'DeleteItem'].map((a): Grant => [`dynamodb:${a}`, `\${${table}.Arn}`]),
        ),
      );
    });

    it('subscribe reads one method of the orders internal API, keeps its subscriptions and posts to this stage only', () => {
      expect(grantsOf(fn.messages)).toEqual(
        expectedGrants(fn.messages, [
          [
            'execute-api:Invoke',
            `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${import:${config.stackPrefix}-OrdersInternalApiId}/internal/GET/orders/*`,
          ],
          ...['GetItem', 'UpdateItem', 'DeleteItem'].map((a): Grant => [`dynamodb:${a}`, `\${${table}.Arn}`]),
          postToConnections,
        ]),
      );
      expect(renderString(env(fn.messages)[PUSH_ENV.ordersApiUrl])).toMatch(
        /^https:\/\/\$\{import:.*OrdersInternalApiId\}\.execute-api\..*\/internal\/$/,
      );
      expect(Number(env(fn.messages)[PUSH_ENV.ordersApiTimeoutMs])).toBeLessThan(
        Number(props(fn.messages).Timeout) * 1000,
      );
    });
  });
});
