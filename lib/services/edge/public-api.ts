import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createCustomerRequestSchema } from '../../../lambdas/customers/contract';
import { PRODUCT_ROUTE, setStockRequestSchema } from '../../../lambdas/inventory/contract';
import { placeOrderRequestSchema } from '../../../lambdas/orders/contract';
import { CORS_ALLOW_HEADERS, CORS_MAX_AGE_SECONDS } from '../../../lambdas/shared/http/cors';
import { type PublicApiScope, scopeName } from '../../config/public-api-scopes';
import type { StageConfig } from '../../config/stage-config';
import { apiGatewayModelSchema } from '../../constructs/json-schema-model';
import { importFunction, observedRestApi, serverErrorsAlarm } from '../../constructs/rest-api-defaults';
import { addProblemResponses } from './problem-responses';

export interface PublicApiProps {
  readonly config: StageConfig;
  /** The user pool whose access tokens the API accepts. */
  readonly userPool: cognito.IUserPool;
  readonly orders: {
    readonly placeOrder: lambda.IFunction;
    readonly getOrder: lambda.IFunction;
    readonly getOrderHistory: lambda.IFunction;
    readonly cancelOrder: lambda.IFunction;
    readonly listCustomerOrders: lambda.IFunction;
  };
  readonly customers: { readonly createCustomer: lambda.IFunction; readonly getCustomer: lambda.IFunction };
  /** The catalogue's read, `GET /products/{sku}`: anonymous and cached at the stage. */
  readonly products: { readonly getProduct: lambda.IFunction };
  /** An order's callback attempts, and (non-production) one more attempt now. */
  readonly callbacks: {
    readonly listCallbacks: lambda.IFunction;
    readonly replayCallback?: lambda.IFunction;
  };
  /** The stock test hooks, routed only in stages that have them. */
  readonly inventory?: { readonly setStock: lambda.IFunction; readonly getStock: lambda.IFunction };
}

/** The API stage name: the version of the public contract. */
export const API_STAGE = 'v1';

/**
 * The public REST API (API Gateway v1): routing to the services, OAuth 2.0 access tokens from the shop's
 * user pool with a scope per method, request validation against models generated from the handlers' own
 * schemas, problem+json for every error the gateway itself answers, stage throttling, JSON access logs,
 * X-Ray, and a 5XX alarm.
 */
export class PublicApi extends Construct {
  readonly api: apigw.RestApi;
  readonly accessLogs: logs.LogGroup;
  private readonly authorizer: apigw.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    const { config } = props;

    const origins = config.api.corsOrigins;
    const { api, accessLogs, validator } = observedRestApi(this, config, {
      restApiName: `${config.stackPrefix}-public-api`,
      description: 'Public API of the shop: orders (v1 contract)',
      stageName: API_STAGE,
      ownGatewayResponses: true,
      cache: { [`${PRODUCT_ROUTE.path}/${PRODUCT_ROUTE.method}`]: config.api.productCacheTtl },
      ...(origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...origins],
              allowMethods: ['GET', 'POST', 'PUT'],
              allowHeaders: CORS_ALLOW_HEADERS,
              maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
            },
          }
        : {}),
    });
    this.api = api;
    this.accessLogs = accessLogs;
    addProblemResponses(this.api, origins);
    // No token, or a bad one: 401 before any function runs; a token without the method's scope: 403.
    this.authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      authorizerName: 'shop-user-pool',
    });

    const placeOrderModel = this.api.addModel('PlaceOrderRequest', {
      contentType: 'application/json',
      description: 'Body of POST /orders',
      schema: apiGatewayModelSchema(placeOrderRequestSchema),
    });

    // Imported by ARN so that the invoke permissions live in this construct's stack, not the service's:
    // the service stack then never depends on the edge stack (no cross-stack cycle).
    const placeOrder = this.importFunction('PlaceOrderFunction', props.orders.placeOrder);
    const getOrder = this.importFunction('GetOrderFunction', props.orders.getOrder);
    const getOrderHistory = this.importFunction('GetOrderHistoryFunction', props.orders.getOrderHistory);
    const cancelOrder = this.importFunction('CancelOrderFunction', props.orders.cancelOrder);
    const listCustomerOrders = this.importFunction(
      'ListCustomerOrdersFunction',
      props.orders.listCustomerOrders,
    );
    const page = { 'method.request.querystring.limit': false, 'method.request.querystring.cursor': false };

    const orders = this.api.root.addResource('orders');
    orders.addMethod('POST', new apigw.LambdaIntegration(placeOrder), {
      operationName: 'PlaceOrder',
      ...this.requires('orders.write'),
      requestValidator: validator,
      requestModels: { 'application/json': placeOrderModel },
      requestParameters: { 'method.request.header.Idempotency-Key': true },
    });
    const order = orders.addResource('{orderId}');
    order.addMethod('GET', new apigw.LambdaIntegration(getOrder), {
      operationName: 'GetOrder',
      ...this.requires('orders.read'),
      requestValidator: validator,
      requestParameters: { 'method.request.path.orderId': true, 'method.request.querystring.asOf': false },
    });
    order.addResource('history').addMethod('GET', new apigw.LambdaIntegration(getOrderHistory), {
      operationName: 'GetOrderHistory',
      ...this.requires('orders.read'),
      requestValidator: validator,
      requestParameters: { 'method.request.path.orderId': true, ...page },
    });
    order.addResource('cancel').addMethod('POST', new apigw.LambdaIntegration(cancelOrder), {
      operationName: 'CancelOrder',
      ...this.requires('orders.write'),
      requestValidator: validator,
      requestParameters: { 'method.request.path.orderId': true },
    });
    const callbacks = order.addResource('callbacks');
    callbacks.addMethod(
      'GET',
      new apigw.LambdaIntegration(
        this.importFunction('ListCallbacksFunction', props.callbacks.listCallbacks),
      ),
      {
        operationName: 'ListCallbacks',
        ...this.requires('orders.read'),
        requestValidator: validator,
        requestParameters: { 'method.request.path.orderId': true },
      },
    );
    if (props.callbacks.replayCallback) {
      const replay = this.importFunction('ReplayCallbackFunction', props.callbacks.replayCallback);
      callbacks.addResource('replay').addMethod('POST', new apigw.LambdaIntegration(replay), {
        operationName: 'ReplayCallback',
        ...this.requires('orders.write'),
        requestValidator: validator,
        requestParameters: { 'method.request.path.orderId': true },
      });
    }
    const customersResource = this.api.root.addResource('customers');
    customersResource.addMethod(
      'POST',
      new apigw.LambdaIntegration(
        this.importFunction('CreateCustomerFunction', props.customers.createCustomer),
      ),
      {
        operationName: 'CreateCustomer',
        ...this.requires('customers.write'),
        requestValidator: validator,
        requestModels: {
          'application/json': this.api.addModel('CreateCustomerRequest', {
            contentType: 'application/json',
            description: 'Body of POST /customers',
            schema: apiGatewayModelSchema(createCustomerRequestSchema),
          }),
        },
        requestParameters: { 'method.request.header.Idempotency-Key': true },
      },
    );
    const customer = customersResource.addResource('{customerId}');
    customer.addMethod(
      'GET',
      new apigw.LambdaIntegration(this.importFunction('GetCustomerFunction', props.customers.getCustomer)),
      {
        operationName: 'GetCustomer',
        ...this.requires('customers.read'),
        requestValidator: validator,
        requestParameters: { 'method.request.path.customerId': true },
      },
    );
    customer.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(listCustomerOrders), {
      operationName: 'ListCustomerOrders',
      ...this.requires('orders.read'),
      requestValidator: validator,
      requestParameters: { 'method.request.path.customerId': true, ...page },
    });

    // The one anonymous route: the public catalogue, cached per SKU (the path parameter is the key).
    const product = this.api.root.resourceForPath(PRODUCT_ROUTE.path).addMethod(
      PRODUCT_ROUTE.method,
      new apigw.LambdaIntegration(this.importFunction('GetProductFunction', props.products.getProduct), {
        cacheKeyParameters: ['method.request.path.sku'],
      }),
      {
        operationName: 'GetProduct',
        authorizationType: apigw.AuthorizationType.NONE,
        requestValidator: validator,
        requestParameters: { 'method.request.path.sku': true },
      },
    );
    const anonymous =
      'The public catalogue (a product, its price and stock) is for anyone, as a shop window is; the stage cache and throttling bound what it costs.';
    Validations.of(product).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: anonymous },
      { id: 'AwsSolutions-COG4', reason: anonymous },
    );

    if (props.inventory) {
      const setStock = this.importFunction('SetStockFunction', props.inventory.setStock);
      const getStock = this.importFunction('GetStockFunction', props.inventory.getStock);
      const stock = this.api.root.addResource('inventory').addResource('{sku}');
      stock.addMethod('PUT', new apigw.LambdaIntegration(setStock), {
        operationName: 'SetStock',
        ...this.requires('inventory.admin'),
        requestValidator: validator,
        requestModels: {
          'application/json': this.api.addModel('SetStockRequest', {
            contentType: 'application/json',
            description: 'Body of PUT /inventory/{sku}',
            schema: apiGatewayModelSchema(setStockRequestSchema),
          }),
        },
        requestParameters: { 'method.request.path.sku': true },
      });
      stock.addMethod('GET', new apigw.LambdaIntegration(getStock), {
        operationName: 'GetStock',
        ...this.requires('inventory.admin'),
        requestValidator: validator,
        requestParameters: { 'method.request.path.sku': true },
      });
    }

    serverErrorsAlarm(this, this.api, config, 'The public API answers with server errors (5XX)');

    new CfnOutput(this, 'Url', {
      key: 'PublicApiUrl',
      value: this.api.url,
      description: 'Base URL of the public API',
    });

    this.acknowledgeFindings();
  }

  /** A method only a caller with an access token holding this scope may call. */
  private requires(scope: PublicApiScope): apigw.MethodOptions {
    return {
      authorizationType: apigw.AuthorizationType.COGNITO,
      authorizer: this.authorizer,
      authorizationScopes: [scopeName(scope)],
    };
  }

  private importFunction(id: string, fn: lambda.IFunction): lambda.IFunction {
    return importFunction(this, id, fn);
  }

  private acknowledgeFindings(): void {
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL yet (cost and rules are an explicit later decision); stage throttling bounds abuse meanwhile.',
    });
  }
}
