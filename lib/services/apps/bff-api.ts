import { CfnOutput, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type App, BFF_ROUTES, myOrderRequestSchema } from '../../../lambdas/bff/contract';
import type { StageConfig, UsagePlanConfig } from '../../config/stage-config';
import { apiGatewayModelSchema } from '../../constructs/json-schema-model';
import { observedRestApi, serverErrorsAlarm } from '../../constructs/rest-api-defaults';
import { addProblemResponses } from '../edge/problem-responses';

export interface BffApiProps {
  readonly config: StageConfig;
  readonly app: App;
  /** The pool the app's users sign in with: the API takes their ID tokens. */
  readonly userPool: cognito.IUserPool;
  /** The app's backend function: it answers every route. */
  readonly handler: lambda.IFunction;
  readonly usagePlan: UsagePlanConfig;
}

/** The stage of each app's API. */
export const BFF_API_STAGE = 'v1';

/**
 * One app's REST API: the `/me/...` routes, each requiring a signed-in user (the Cognito authorizer takes
 * the user's ID token: 401 without a valid one) and the app's own API key (403 without it), within the
 * app's usage plan (throttle and daily quota: 429). Errors the gateway answers itself are problem+json,
 * as the public API's.
 */
export class BffApi extends Construct {
  readonly api: apigw.RestApi;
  readonly apiKey: apigw.ApiKey;
  readonly usagePlan: apigw.UsagePlan;

  constructor(scope: Construct, id: string, props: BffApiProps) {
    super(scope, id);
    const { config, app } = props;
    const { api, validator } = observedRestApi(this, config, {
      restApiName: `${config.stackPrefix}-${app}-bff`,
      description: `Backend for the shop's ${app} app: the signed-in customer's orders`,
      stageName: BFF_API_STAGE,
      ownGatewayResponses: true,
    });
    this.api = api;
    addProblemResponses(api, []);
    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      authorizerName: `${app}-users`,
    });
    // No scopes: the authorizer then takes ID tokens, whose claims (custom:customerId) reach the function.
    const signedIn: apigw.MethodOptions = {
      authorizationType: apigw.AuthorizationType.COGNITO,
      authorizer,
      apiKeyRequired: true,
      requestValidator: validator,
    };
    const integration = new apigw.LambdaIntegration(props.handler);
    const me = api.root.addResource('me').addResource('orders');
    const { listMyOrders, getMyOrder, placeMyOrder, cancelMyOrder } = BFF_ROUTES;
    me.addMethod(listMyOrders.method, integration, {
      ...signedIn,
      operationName: 'ListMyOrders',
      requestParameters: {
        'method.request.querystring.limit': false,
        'method.request.querystring.cursor': false,
      },
    });
    me.addMethod(placeMyOrder.method, integration, {
      ...signedIn,
      operationName: 'PlaceMyOrder',
      requestModels: {
        'application/json': api.addModel('MyOrderRequest', {
          contentType: 'application/json',
          description: 'Body of POST /me/orders',
          schema: apiGatewayModelSchema(myOrderRequestSchema),
        }),
      },
      requestParameters: { 'method.request.header.Idempotency-Key': true },
    });
    const order = me.addResource('{orderId}');
    order.addMethod(getMyOrder.method, integration, {
      ...signedIn,
      operationName: 'GetMyOrder',
      requestParameters: { 'method.request.path.orderId': true },
    });
    order.addResource('cancel').addMethod(cancelMyOrder.method, integration, {
      ...signedIn,
      operationName: 'CancelMyOrder',
      requestParameters: { 'method.request.path.orderId': true },
    });

    // AWS generates a key's value; the local stage fixes it, so that its outputs file can carry it.
    const localKey = config.stage === 'local' ? `${config.stackPrefix}-${app}-app-local-key` : undefined;
    this.apiKey = new apigw.ApiKey(this, 'ApiKey', {
      apiKeyName: `${config.stackPrefix}-${app}-app`,
      description: `The ${app} app's key`,
      ...(localKey ? { value: localKey } : {}),
    });
    const { rateLimit, burstLimit, quotaPerDay } = props.usagePlan;
    this.usagePlan = new apigw.UsagePlan(this, 'UsagePlan', {
      name: `${config.stackPrefix}-${app}-app`,
      description: `The ${app} app: its throttle and daily quota`,
      apiStages: [{ api, stage: api.deploymentStage }],
      throttle: { rateLimit, burstLimit },
      quota: { limit: quotaPerDay, period: apigw.Period.DAY },
    });
    this.usagePlan.addApiKey(this.apiKey);

    serverErrorsAlarm(this, api, config, `The ${app} app's API answers with server errors (5XX)`);
    const key = app === 'web' ? 'WebBff' : 'MobileBff';
    new CfnOutput(this, 'Url', {
      key: `${key}Url`,
      value: api.url,
      description: `Base URL of the ${app} app's API`,
    });
    if (localKey) {
      new CfnOutput(this, 'KeyValue', {
        key: `${key}ApiKey`,
        value: localKey,
        description: `The ${app} app's API key (written only by the local stage)`,
      });
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        "No WAF web ACL yet (as the public API); the app's usage plan throttles it and caps its daily calls.",
    });
  }
}
