import { buildRestApis } from '../../../apigateway/build-rest-apis';
import { functionArnFromUri } from '../../../apigateway/lambda-uri';
import { ApiBuilder, functionArn, invocationUri, resolved } from '../../helpers/apigateway-fixtures';

describe('buildRestApis', () => {
  it('builds the resource tree with full paths and methods, from ParentId and the RootResourceId', () => {
    const api = new ApiBuilder()
      .proxy('/orders/{orderId}/history', 'GET', 'history', {
        ApiKeyRequired: 'true',
        OperationName: 'History',
      })
      .proxy('/', 'ANY', 'root')
      .stage('v1')
      .build();
    expect(api.root).toMatchObject({ id: 'api0001-root', path: '/', pathPart: '' });
    const paths = [...api.resources.values()].map((resource) => resource.path).sort();
    expect(paths).toEqual(['/', '/orders', '/orders/{orderId}', '/orders/{orderId}/history']);
    const history = [...api.resources.values()].find(
      (resource) => resource.path === '/orders/{orderId}/history',
    );
    expect(history?.methods.get('GET')).toEqual({
      httpMethod: 'GET',
      authorizationType: 'NONE',
      authorizationScopes: [],
      apiKeyRequired: true,
      requestParameters: {},
      requestModels: {},
      operationName: 'History',
      integration: { type: 'AWS_PROXY', functionArn: functionArn('history') },
      cacheKeyParameters: [],
    });
    expect(api.root.methods.get('ANY')?.integration).toMatchObject({ functionArn: functionArn('root') });
    expect(api.warnings).toEqual([]);
  });

  it('extracts the function ARN from Lambda invocation URIs only', () => {
    expect(functionArnFromUri(invocationUri('arn:aws:lambda:eu-west-1:1:function:f:live'))).toBe(
      'arn:aws:lambda:eu-west-1:1:function:f:live',
    );
    expect(functionArnFromUri('arn:aws:apigateway:us-east-1:sqs:path/1/queue')).toBeUndefined();
  });

  it('keeps APIs apart and reads each one its own stages, models, validators, responses', () => {
    const first = new ApiBuilder('first')
      .proxy('/a', 'GET', 'a')
      .stage('v1', {
        Variables: { x: '1' },
        AccessLogSetting: { Format: '$context.requestId' },
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
          { HttpMethod: 'GET', ResourcePath: '/~1a~1{id}', ThrottlingRateLimit: '1' },
        ],
      })
      .add('Model', 'model-1', {
        Name: 'Thing',
        ContentType: 'application/json',
        Schema: '{"type":"object"}',
      })
      .add('RequestValidator', 'val-1', { ValidateRequestBody: true })
      .add('GatewayResponse', 'gr-1', {
        ResponseType: 'THROTTLED',
        StatusCode: '503',
        ResponseParameters: { 'gatewayresponse.header.A': "'b'" },
        ResponseTemplates: { 'application/json': '{}' },
      });
    const second = new ApiBuilder('second').proxy('/b', 'POST', 'b');
    second.resources.push(
      resolved('Deployment', 'Dep', 'dep-2', {
        RestApiId: 'second',
        StageName: 'prod',
        StageDescription: { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 4 },
      }),
    );
    const [a, b] = buildRestApis([...first.resources, ...second.resources]);
    expect(a?.id).toBe('first');
    expect(b?.id).toBe('second');
    expect([...(b?.resources.values() ?? [])].map((resource) => resource.path).sort()).toEqual(['/', '/b']);
    expect(a?.stages.get('v1')).toMatchObject({
      deploymentId: 'dep1',
      variables: { x: '1' },
      accessLogFormat: '$context.requestId',
      defaultMethodThrottle: { rateLimit: 10, burstLimit: 20 },
    });
    expect(a?.stages.get('v1')?.methodThrottles.get('/a/{id} GET')).toEqual({
      rateLimit: 1,
      burstLimit: 5000,
    });
    expect(b?.stages.get('prod')).toMatchObject({
      deploymentId: 'dep-2',
      defaultMethodThrottle: { rateLimit: 3, burstLimit: 4 },
    });
    expect(a?.models.get('Thing')).toEqual({
      name: 'Thing',
      contentType: 'application/json',
      schema: { type: 'object' },
    });
    expect(a?.models.get('model-1')?.name).toBe('Thing');
    expect(a?.requestValidators.get('val-1')).toEqual({
      id: 'val-1',
      validateRequestBody: true,
      validateRequestParameters: false,
    });
    expect(a?.gatewayResponses.get('THROTTLED')).toEqual({
      responseType: 'THROTTLED',
      statusCode: 503,
      responseParameters: { 'gatewayresponse.header.A': "'b'" },
      responseTemplates: { 'application/json': '{}' },
    });
    expect(b?.models.size).toBe(0);
  });

  it('reads usage plans bound to the API with their keys, throttles and quota', () => {
    const builder = new ApiBuilder().proxy('/orders', 'GET', 'list').stage('v1');
    builder.resources.push(
      resolved('ApiKey', 'Key', 'key-1', { Value: 'v-1' }),
      resolved('ApiKey', 'Generated', 'key-2', {}),
      resolved('UsagePlan', 'Plan', 'plan-1', {
        UsagePlanName: 'gold',
        ApiStages: [
          {
            ApiId: 'api0001',
            Stage: 'v1',
            Throttle: {
              '/orders/GET': { RateLimit: 1, BurstLimit: 2 },
              '//GET': { RateLimit: 3, BurstLimit: 4 },
            },
          },
          { ApiId: 'other-api', Stage: 'v1' },
        ],
        Throttle: { RateLimit: 10 },
        Quota: { Limit: 1000, Period: 'WEEK', Offset: 1 },
      }),
      resolved('UsagePlan', 'OtherPlan', 'plan-2', { ApiStages: [{ ApiId: 'other-api', Stage: 'v1' }] }),
      resolved('UsagePlanKey', 'K1', 'pk-1', { KeyId: 'key-1', KeyType: 'API_KEY', UsagePlanId: 'plan-1' }),
      resolved('UsagePlanKey', 'K2', 'pk-2', { KeyId: 'key-2', KeyType: 'API_KEY', UsagePlanId: 'plan-1' }),
    );
    const api = builder.build();
    expect(api.usagePlans).toHaveLength(1);
    const plan = api.usagePlans[0];
    expect(plan).toMatchObject({
      id: 'plan-1',
      name: 'gold',
      throttle: { rateLimit: 10, burstLimit: Number.POSITIVE_INFINITY },
      quota: { limit: 1000, period: 'WEEK', offset: 1 },
      apiKeys: [
        { id: 'key-1', value: 'v-1', enabled: true },
        { id: 'key-2', value: 'local-key-2', enabled: true },
      ],
    });
    expect(plan?.stages).toHaveLength(1);
    expect(plan?.stages[0]?.methodThrottles.get('/orders GET')).toEqual({ rateLimit: 1, burstLimit: 2 });
    expect(plan?.stages[0]?.methodThrottles.get('/ GET')).toEqual({ rateLimit: 3, burstLimit: 4 });
    expect(api.warnings).toEqual([
      expect.stringContaining('has no Value; the local cloud uses "local-key-2"'),
    ]);
  });

  it('reads Lambda and user pool authorizers, with CloudFormation defaults', () => {
    const api = new ApiBuilder()
      .add('Authorizer', 'auth-1', {
        Type: 'TOKEN',
        AuthorizerUri: invocationUri(functionArn('auth')),
        IdentityValidationExpression: '^Bearer .+$',
      })
      .add('Authorizer', 'auth-2', {
        Type: 'REQUEST',
        AuthorizerUri: invocationUri(functionArn('auth')),
        IdentitySource: 'method.request.header.A, method.request.querystring.b',
        AuthorizerResultTtlInSeconds: 0,
      })
      .add('Authorizer', 'auth-3', { Type: 'COGNITO_USER_POOLS', ProviderARNs: ['arn:pool'] })
      .stage('v1')
      .build();
    expect(api.authorizers.get('auth-1')).toEqual({
      id: 'auth-1',
      name: 'Authorizerauth-1',
      type: 'TOKEN',
      functionArn: functionArn('auth'),
      identitySources: ['method.request.header.Authorization'],
      resultTtlSeconds: 300,
      identityValidationExpression: '^Bearer .+$',
    });
    expect(api.authorizers.get('auth-2')).toMatchObject({
      identitySources: ['method.request.header.A', 'method.request.querystring.b'],
      resultTtlSeconds: 0,
    });
    expect(api.authorizers.get('auth-3')).toEqual({
      id: 'auth-3',
      name: 'Authorizerauth-3',
      type: 'COGNITO_USER_POOLS',
      providerArns: ['arn:pool'],
      identitySource: 'method.request.header.Authorization',
    });
    expect(api.warnings).toEqual([]);
  });

  it('warns about everything it cannot honour instead of ignoring it', () => {
    const builder = new ApiBuilder('api0001', {
      Policy: { Statement: [] },
      MinimumCompressionSize: 1024,
      BodyS3Location: { Bucket: 'b' },
    })
      .method('/http', 'GET', { Integration: { Type: 'HTTP_PROXY', Uri: 'https://example.com' } })
      .method('/sqs', 'POST', {
        Integration: { Type: 'AWS', Uri: 'arn:aws:apigateway:us-east-1:sqs:path/1/q' },
      })
      .method('/lambda', 'POST', {
        Integration: {
          Type: 'AWS',
          Uri: invocationUri(functionArn('f')),
          RequestTemplates: { 'application/json': '$input.body' },
        },
      })
      .method('/none', 'GET', {})
      .proxy('/proxy-vtl', 'POST', 'f', {
        Integration: {
          Type: 'AWS_PROXY',
          Uri: invocationUri(functionArn('f')),
          RequestTemplates: { 'application/json': '#set($x = 1)' },
          ContentHandling: 'CONVERT_TO_TEXT',
        },
      })
      .method('/mock', 'GET', {
        Integration: {
          Type: 'MOCK',
          RequestTemplates: { 'application/json': '{"statusCode": 200}' },
          IntegrationResponses: [
            { StatusCode: '200', ResponseTemplates: { 'application/json': '#if($x)a#end' } },
          ],
        },
      })
      .stage('v1', {
        TracingEnabled: true,
        CacheClusterEnabled: true,
        CacheClusterSize: '0.5',
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheDataEncrypted: true },
        ],
      })
      .stage('v2', { MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/~1mock', CachingEnabled: true }] })
      .add('BasePathMapping', 'bpm', { DomainName: 'api.example.com' });
    builder.resources.push(
      resolved('Resource', 'Orphan', 'orphan', { RestApiId: 'api0001', ParentId: 'nowhere', PathPart: 'x' }),
    );
    const warnings = builder.build().warnings.join('\n');
    for (const expected of [
      'MinimumCompressionSize',
      'OpenAPI body',
      'integration of type HTTP_PROXY (https://example.com)',
      'integration of type AWS (arn:aws:apigateway:us-east-1:sqs:path/1/q)',
      'integration of type AWS (Lambda without proxy (mapping templates))',
      'has no Integration',
      'Integration.RequestTemplates on a Lambda proxy integration',
      'Integration.ContentHandling=CONVERT_TO_TEXT',
      'MOCK response template (application/json) with VTL',
      'X-Ray tracing',
      'Stagev1 (AWS::ApiGateway::Stage) has a 0.5 GB cache cluster; the local cache is unbounded',
      'Stagev1 (AWS::ApiGateway::Stage) encrypts cached data (CacheDataEncrypted)',
      'Stagev2 (AWS::ApiGateway::Stage) enables caching for /mock GET without a cache cluster',
      'AWS::ApiGateway::BasePathMapping) is not emulated',
      'Test/Orphan (AWS::ApiGateway::Resource) is not reachable from the API root',
    ]) {
      expect(warnings).toContain(expected);
    }
  });
});
