import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { AttributeType, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ORDERS_INTERNAL_ROUTES } from '../../../lambdas/orders/contract';
import {
  DELIVERY_LEASE_MS,
  PUSH_API_STAGE,
  PUSH_ENV,
  PUSH_ROUTES,
  ROUTE_SELECTION_EXPRESSION,
  TOKEN_QUERY_PARAMETER,
} from '../../../lambdas/push/contract';
import type { StageConfig } from '../../config/stage-config';
import { importInternalApi } from '../../constructs/internal-api';
import { nagArnPrefix } from '../../constructs/nag-findings';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { StreamConsumer } from '../../constructs/stream-consumer';

export interface OrderUpdatesPushProps {
  readonly config: StageConfig;
  /** The pool the apps' users sign in with, and the apps' clients whose ID tokens may connect. */
  readonly userPool: cognito.IUserPool;
  readonly appClients: readonly cognito.IUserPoolClient[];
  /** The orders service's read model, whose stream carries every change of every order's view. */
  readonly orderViews: ITable;
}

/** The `@connections` methods the functions use: posting a message. Nothing reads or closes a connection. */
const MANAGEMENT_METHODS = ['POST'] as const;

/**
 * Order updates pushed to the shop's apps over a WebSocket API. A signed-in user connects with their ID
 * token (`?token=`, checked by a Lambda authorizer: WebSocket APIs take no Cognito authorizer) and
 * subscribes to their own orders (checked through the orders service's internal API); every change of the
 * read model then reaches each subscriber, from the OrderViews stream, in version order. Connections and
 * subscriptions live in the service's own table, for no longer than a connection can (two hours).
 */
export class OrderUpdatesPush extends Construct {
  readonly connections: ServiceTable;
  readonly api: apigwv2.WebSocketApi;
  readonly stage: apigwv2.WebSocketStage;
  readonly accessLogs: logs.LogGroup;
  readonly authorizer: IFunction;
  readonly connectionHandler: IFunction;
  readonly messageHandler: IFunction;
  readonly fanOut: IFunction;
  readonly fanOutConsumer: StreamConsumer;

  constructor(scope: Construct, id: string, props: OrderUpdatesPushProps) {
    super(scope, id);
    const { config } = props;
    if (config.api.functionTimeout.toMilliseconds() >= DELIVERY_LEASE_MS) {
      throw new Error(
        `A delivery lease (${DELIVERY_LEASE_MS} ms) must outlast the functions that take it (${config.api.functionTimeout.toHumanString()}).`,
      );
    }

    this.connections = new ServiceTable(this, 'Connections', {
      config,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
    const table = { [PUSH_ENV.connectionsTable]: this.connections.table.tableName };
    const fn = (fnId: string, handler: string, description: string, environment: Record<string, string>) =>
      new ServiceFunction(this, fnId, {
        config,
        service: 'push',
        handler,
        invocation: handler === 'fan-out-order-updates' ? 'stream' : 'sync',
        description,
        environment,
      }).function;

    this.authorizer = fn(
      'AuthorizeConnection',
      'authorize-connection',
      "$connect's authorizer: the user's ID token (?token=) from one of the apps' clients",
      {
        [PUSH_ENV.userPoolId]: props.userPool.userPoolId,
        [PUSH_ENV.userPoolClientIds]: props.appClients.map((client) => client.userPoolClientId).join(','),
      },
    );
    this.connectionHandler = fn(
      'ConnectionEvents',
      'connections',
      '$connect and $disconnect: a connection recorded with its customer, and forgotten',
      table,
    );
    this.connections.grant(this.connectionHandler, [
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:DeleteItem',
    ]);

    const orders = importInternalApi(config, 'orders');
    this.messageHandler = fn('Messages', 'messages', 'subscribe (to one of your orders) and $default', {
      ...table,
      [PUSH_ENV.ordersApiUrl]: orders.url,
      [PUSH_ENV.ordersApiTimeoutMs]: String(config.push.ordersApiTimeout.toMilliseconds()),
    });
    orders.grantInvoke(this.messageHandler, ORDERS_INTERNAL_ROUTES.getOrder);
    // Its connection, subscribing (two updates), the lease, and forgetting a gone connection.
    this.connections.grant(this.messageHandler, [
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);

    this.api = new apigwv2.WebSocketApi(this, 'Api', {
      apiName: `${config.stackPrefix}-order-updates`,
      description: 'Order updates pushed to the signed-in customer (subscribe to your own orders)',
      routeSelectionExpression: ROUTE_SELECTION_EXPRESSION,
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('Connect', this.connectionHandler),
        authorizer: new WebSocketLambdaAuthorizer('Authorizer', this.authorizer, {
          authorizerName: 'signed-in-users',
          identitySource: [`route.request.querystring.${TOKEN_QUERY_PARAMETER}`],
        }),
      },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration('Disconnect', this.connectionHandler),
      },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('Fallback', this.messageHandler) },
    });
    this.api.addRoute(PUSH_ROUTES.subscribe, {
      integration: new WebSocketLambdaIntegration('Subscribe', this.messageHandler),
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: config.logs.retention,
      removalPolicy: config.logs.removalPolicy,
    });
    this.stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: PUSH_API_STAGE,
      autoDeploy: true,
      throttle: config.api.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.grantPostToConnections(this.messageHandler);

    this.fanOut = fn(
      'FanOutOrderUpdates',
      'fan-out-order-updates',
      'OrderViews stream -> each change of an order to the connections subscribed to it',
      { ...table, [PUSH_ENV.managementApiUrl]: this.stage.callbackUrl },
    );
    // An order's subscribers, the lease and its release, and forgetting a gone connection.
    this.connections.grant(this.fanOut, [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    this.grantPostToConnections(this.fanOut);
    this.fanOutConsumer = new StreamConsumer(this, 'FanOut', {
      table: props.orderViews,
      consumer: this.fanOut,
      config: config.push.fanOut,
      purpose: 'Order view changes that could not be pushed to their subscribers',
      eventNames: ['INSERT', 'MODIFY'],
    });

    new CfnOutput(this, 'Url', {
      key: 'WebSocketUrl',
      value: this.stage.url,
      description: `Order updates over WebSocket: connect with ?${TOKEN_QUERY_PARAMETER}=<ID token>`,
    });

    // $connect carries the authorizer; API Gateway authorizes nothing after it (WebSocket APIs cannot).
    for (const route of [PUSH_ROUTES.disconnect, PUSH_ROUTES.fallback, PUSH_ROUTES.subscribe]) {
      Validations.of(this.api.node.findChild(`${route}-Route`)).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A WebSocket API authorizes $connect only (here with the user’s ID token); every later route runs on that authorized connection, and subscribe checks that the order is the customer’s own.',
      });
    }
  }

  /**
   * `execute-api:ManageConnections` on this API's stage's `@connections` methods the functions use, and
   * no other stage or API (CDK's `grantManagementApiAccess` allows every method).
   */
  private grantPostToConnections(grantee: IFunction): void {
    const stack = Stack.of(this);
    for (const method of MANAGEMENT_METHODS) {
      const resourceName = `${this.stage.stageName}/${method}/@connections/*`;
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['execute-api:ManageConnections'],
        resourceArns: [stack.formatArn({ service: 'execute-api', resource: this.api.apiId, resourceName })],
      });
      if (grantee.role) {
        Validations.of(grantee.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${nagArnPrefix(stack, 'execute-api')}:<${stack.getLogicalId(this.api.node.defaultChild as apigwv2.CfnApi)}>/${resourceName}]`,
          reason: 'Posting to this API stage’s connections; the wildcard stands for the connection id only.',
        });
      }
    }
  }
}

/** One JSON line per connect, message and disconnect; `requestId` joins it to the function's logs. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  errorMessage: '$context.error.message',
  integrationError: '$context.integration.error',
  authorizerError: '$context.authorizer.error',
  integrationLatencyMs: '$context.integrationLatency',
};
