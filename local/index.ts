/**
 * @shop/local-cloud: runs a synthesized AWS CDK app (a cloud assembly, `cdk.out`) on this machine.
 *
 * Most users need `LocalCloud` alone (or the `local-cloud` bin, which wraps it). The other exports run
 * one piece of it on its own, for tests that drive their handlers in process: DynamoDB Local with the
 * templates' tables, the Lambda runner, a REST or HTTP API, DynamoDB stream mappings, Step Functions, and the AWS
 * endpoint the SDK talks to. Everything else in this package is internal and may change.
 */

// biome-ignore-all assist/source/organizeImports: grouped by what a user runs, not alphabetically

// The whole cloud.
export {
  type LocalApi,
  LocalCloud,
  type LocalCloudOptions,
  type LocalFunctionSummary,
  type LocalUserPoolDomain,
} from './cloud/local-cloud';
export { type StackOutputs, writeOutputsFile } from './cloud/outputs';

// Reading an assembly: stacks in deployment order, every intrinsic resolved to local names, ARNs and URLs.
export { type CloudAssembly, readCloudAssembly } from './assembly/cloud-assembly';
export type { ResolvedResource } from './model/resolved-resource';
export type { CfnTemplate } from './template/cfn-template';
export type { ResolvedAssembly } from './template/resolution-types';
export { resolveAssembly } from './template/resolve-assembly';

// DynamoDB: DynamoDB Local (the AWS emulator) and the tables a template declares.
export {
  DEFAULT_LOCAL_CREDENTIALS,
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
  startDynamoDbLocal,
} from './dynamodb/dynamodb-local';
export { ensureTables } from './dynamodb/ensure-tables';
export {
  resolvedTableDefinitions,
  type TableDefinition,
  tableDefinitions,
} from './dynamodb/table-definitions';

// Lambda: the assembly's functions, run from their own bundles in their own Node processes.
export { lambdaFunctions } from './cloud/lambda-functions';
export { LocalLambdaService } from './lambda/local-lambda-service';
export type { InvokeResult, LambdaService, LocalFunctionDefinition } from './lambda/types';

// API Gateway REST: one HTTP listener per API, in front of any LambdaService.
export { buildRestApis, type RestApiModel, RestApiServer } from './apigateway';
// API Gateway HTTP APIs (v2): one listener per API, in front of any LambdaService.
export { type ApiV2Model, buildApisV2 } from './apigatewayv2/http-api-model';
export { HttpApiServer, type HttpApiServerOptions } from './apigatewayv2/http-api-server';
// API Gateway WebSocket APIs (v2): one listener per API; the connections their @connections API serves.
export {
  WebSocketApiServer,
  type WebSocketApiServerOptions,
  type WebSocketLimits,
} from './apigatewayv2/websocket-api-server';
export { WebSocketConnections } from './apigatewayv2/websocket-connections';
// Cognito user pools: their tokens, for the COGNITO_USER_POOLS authorizers of a RestApiServer and the
// JWT authorizers of an HttpApiServer.
export { buildUserPools, LocalUserPools } from './cognito';
// What API Gateway answers for a gateway error, from an app's synthesized gateway responses.
export {
  type GatewayErrorRequest,
  type GatewayResponseProperties,
  type RenderedGatewayError,
  renderGatewayError,
} from './apigateway/render-gateway-error';

// DynamoDB Streams -> Lambda event source mappings, polling DynamoDB Local's real streams.
export { DynamoDbStreamEventSources, type StreamFailureRecord, streamMappingsFrom } from './dynamodb-streams';

// EventBridge event patterns: AWS's validation and matching semantics (its recorded conformance cases), for
// a test that routes events as the bus would.
export { compileEventPattern, matches } from './eventbridge/pattern';

// Step Functions: the state machines, run by aws-local-stepfunctions with their tasks on a LambdaService.
export { LocalStepFunctions } from './stepfunctions';

// The AWS endpoint: serves local services to the unchanged AWS SDK and CLI (`AWS_ENDPOINT_URL`).
export type { AwsJsonService } from './endpoint/aws-json-service';
export { EndpointServer } from './endpoint/endpoint-server';
