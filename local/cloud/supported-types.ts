import { TABLE_TYPES } from '../dynamodb/table-definitions';
import { DESCRIBE_USER_POOL_CLIENT_TYPE } from '../template/identity/cognito';

/** The resource types the local cloud runs. Anything else in a template is reported once at start. */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  ...TABLE_TYPES,
  'AWS::SecretsManager::Secret',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::Events::Archive',
  'AWS::StepFunctions::StateMachine',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  // HTTP APIs and WebSocket APIs (start-http-apis.ts, start-websocket-apis.ts).
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  // A WebSocket route's `$default` response: the route's RouteResponseSelectionExpression says it exists.
  'AWS::ApiGatewayV2::RouteResponse',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolResourceServer',
  'AWS::Cognito::UserPoolDomain',
  // Only its one attribute, the client secret, resolved without running its function (identity/cognito.ts).
  DESCRIBE_USER_POOL_CLIENT_TYPE,
]);

/**
 * Types the local cloud knowingly does not emulate, because nothing observable depends on them on one
 * machine: IAM is enforced only where one function calls an IAM-authorized API method (roles and
 * policies are read for that, `function-credentials.ts`; elsewhere the infrastructure tests prove the
 * grants), logs go to the terminal, alarms, dashboards and CDK metadata have no behaviour to run.
 */
export const IGNORED_TYPES: ReadonlySet<string> = new Set([
  'AWS::CDK::Metadata',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::TopicInlinePolicy',
  'AWS::Events::EventBusPolicy',
  // A secret's resource policy: IAM again, not enforced on the endpoint.
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
  'AWS::ApiGateway::Account',
]);
