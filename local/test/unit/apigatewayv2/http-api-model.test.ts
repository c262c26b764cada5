import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { type ApiV2Model, buildApisV2 } from '../../../apigatewayv2/http-api-model';
import { stackWithFunction } from '../../helpers/cdk-stack';

/**
 * What CDK's apigatewayv2 constructs synthesize, read into the one v2 model: an HTTP API with stages,
 * throttling, access log settings and every authorizer kind, and a WebSocket API (routes by its
 * selection expression, `$connect` with a Lambda authorizer), which shares the model though it is not
 * served yet.
 */
let http: ApiV2Model;
let socket: ApiV2Model;
let functionArn: string;

beforeAll(() => {
  const built = stackWithFunction('V2');
  const { stack, fn } = built;
  functionArn = built.functionArn;
  const api = new apigwv2.HttpApi(stack, 'Http', {
    apiName: 'http',
    corsPreflight: { allowOrigins: ['*'], allowHeaders: ['Authorization'], maxAge: Duration.minutes(5) },
    createDefaultStage: false,
  });
  const stage = api.addStage('Prod', {
    stageName: 'prod',
    autoDeploy: true,
    throttle: { rateLimit: 50, burstLimit: 20 },
  });
  const cfnStage = stage.node.defaultChild as apigwv2.CfnStage;
  cfnStage.stageVariables = { tier: 'gold' };
  // A Json property: written as CloudFormation spells its RouteSettings.
  cfnStage.routeSettings = { 'GET /items': { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 2 } };
  cfnStage.accessLogSettings = {
    destinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:x',
    format: '$context.requestId',
  };
  api.addRoutes({
    path: '/items',
    methods: [apigwv2.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('V1', fn, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
      timeout: Duration.seconds(5),
    }),
    authorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example', { jwtAudience: ['aud1'] }),
    authorizationScopes: ['read'],
  });
  api.addRoutes({
    path: '/custom',
    methods: [apigwv2.HttpMethod.POST],
    integration: new integrations.HttpLambdaIntegration('V2', fn, {
      parameterMapping: new apigwv2.ParameterMapping().appendHeader(
        'x-tenant',
        apigwv2.MappingValue.custom('a'),
      ),
    }),
    authorizer: new authorizers.HttpLambdaAuthorizer('Custom', fn, {
      responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-token', '$context.routeKey'],
      resultsCacheTtl: Duration.seconds(30),
    }),
  });
  api.addRoutes({
    path: '/internal',
    methods: [apigwv2.HttpMethod.ANY],
    integration: new integrations.HttpLambdaIntegration('Iam', fn),
    authorizer: new authorizers.HttpIamAuthorizer(),
  });
  api.addRoutes({
    path: '/proxied',
    methods: [apigwv2.HttpMethod.GET],
    integration: new integrations.HttpUrlIntegration('Url', 'https://backend.example/x'),
  });
  const ws = new apigwv2.WebSocketApi(stack, 'Ws', {
    apiName: 'ws',
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
    connectRouteOptions: {
      integration: new integrations.WebSocketLambdaIntegration('Connect', fn),
      authorizer: new authorizers.WebSocketLambdaAuthorizer('WsAuth', fn, {
        identitySource: ['route.request.querystring.token'],
      }),
    },
    disconnectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('Disconnect', fn) },
    defaultRouteOptions: {
      integration: new integrations.WebSocketLambdaIntegration('CatchAll', fn),
      returnResponse: true,
    },
  });
  ws.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('Send', fn) });
  new apigwv2.WebSocketRoute(stack, 'KeyedRoute', {
    webSocketApi: ws,
    routeKey: 'keyed',
    integration: new integrations.WebSocketLambdaIntegration('Keyed', fn),
    apiKeyRequired: true,
  });
  new apigwv2.WebSocketStage(stack, 'WsStage', { webSocketApi: ws, stageName: 'dev', autoDeploy: true });

  const apis = buildApisV2(built.resolve());
  http = apis.find((model) => model.protocol === 'HTTP') as ApiV2Model;
  socket = apis.find((model) => model.protocol === 'WEBSOCKET') as ApiV2Model;
}, 60_000);

const routeOf = (api: ApiV2Model, key: string) => api.routes.find((route) => route.key === key);

describe('the v2 model of an HTTP API synthesized by CDK', () => {
  it('reads routes with their integrations (payload, timeout) and authorizations', () => {
    expect(routeOf(http, 'GET /items')).toMatchObject({
      integration: { functionArn, payloadFormatVersion: '1.0', timeoutMs: 5000 },
      authorization: {
        type: 'JWT',
        scopes: ['read'],
        authorizer: {
          issuer: 'https://issuer.example',
          audience: ['aud1'],
          identitySource: ['$request.header.Authorization'],
        },
      },
    });
    expect(routeOf(http, 'POST /custom')).toMatchObject({
      integration: { payloadFormatVersion: '2.0', timeoutMs: 30_000 },
      authorization: {
        type: 'CUSTOM',
        authorizer: {
          functionArn,
          payloadFormatVersion: '2.0',
          simpleResponses: true,
          identitySource: ['$request.header.x-token', '$context.routeKey'],
          ttlSeconds: 30,
        },
      },
    });
    expect(routeOf(http, 'ANY /internal')?.authorization).toEqual({ type: 'AWS_IAM' });
  });

  it('names what it does not run: another integration type (its route is left without one: 404), parameter mapping', () => {
    expect(routeOf(http, 'GET /proxied')?.integration).toBeUndefined();
    expect(http.warnings.sort()).toEqual([
      expect.stringMatching(
        /^integration \w+ \(HTTP_PROXY .*is not emulated: only Lambda proxy integrations are/,
      ),
      expect.stringMatching(/^integration \w+: parameter mapping \(RequestParameters\) is not applied$/),
    ]);
  });

  it('reads stages with variables, default and per-route throttling, the access log format, and CORS', () => {
    expect(http.stages).toEqual([
      {
        name: 'prod',
        variables: { tier: 'gold' },
        defaultRouteThrottle: { rateLimit: 50, burstLimit: 20 },
        routeThrottles: new Map([['GET /items', { rateLimit: 2, burstLimit: 1 }]]),
        accessLogFormat: '$context.requestId',
      },
    ]);
    expect(http.cors).toEqual({
      allowOrigins: ['*'],
      allowMethods: [],
      allowHeaders: ['authorization'],
      exposeHeaders: [],
      maxAge: 300,
      allowCredentials: false,
    });
  });
});

describe('the v2 model of a WebSocket API synthesized by CDK', () => {
  it('reads the selection expression and the $connect, $disconnect, $default and custom routes', () => {
    expect(socket.routeSelectionExpression).toBe('$request.body.action');
    expect(socket.routes.map((route) => route.key).sort()).toEqual([
      '$connect',
      '$default',
      '$disconnect',
      'keyed',
      'sendMessage',
    ]);
    for (const route of socket.routes) expect(route.integration?.functionArn).toBe(functionArn);
    expect(routeOf(socket, '$connect')?.authorization).toMatchObject({
      type: 'CUSTOM',
      authorizer: { functionArn, identitySource: ['route.request.querystring.token'] },
    });
    expect(socket.stages.map((stage) => stage.name)).toEqual(['dev']);
  });

  it("gives its integrations WebSocket APIs' 29 s timeout and reads which routes answer the client", () => {
    expect(routeOf(socket, 'sendMessage')?.integration?.timeoutMs).toBe(29_000);
    expect(routeOf(socket, '$default')?.routeResponseSelectionExpression).toBe('$default');
    expect(routeOf(socket, 'sendMessage')?.routeResponseSelectionExpression).toBeUndefined();
  });

  it('names at start what its routes ask for and the local cloud does not enforce', () => {
    expect(socket.warnings).toEqual([
      'ApiKeySelectionExpression: API keys are not checked',
      'route keyed: ApiKeyRequired is not enforced',
    ]);
  });
});
