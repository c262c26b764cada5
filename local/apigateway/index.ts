/**
 * The local API Gateway (REST, v1): `buildRestApis` turns resolved AWS::ApiGateway::* resources into
 * models, and a `RestApiServer` serves one model on its own HTTP listener.
 */
export { DEFAULT_ACCESS_LOG_FORMAT, formatAccessLog } from './access-log';
export { buildRestApis } from './build-rest-apis';
export { ACCOUNT_THROTTLE } from './build-stages';
export { GatewayError } from './gateway-error';
export { DEFAULT_STATUS } from './gateway-responses';
export type { ProxyEvent, ProxyRequestContext } from './proxy-event';
export { DEFAULT_INTEGRATION_TIMEOUT_MS } from './proxy-integration';
export type * from './rest-api-model';
export { RestApiServer, type RestApiServerOptions } from './rest-api-server';
export { accountBucket, TokenBucket } from './throttling';
