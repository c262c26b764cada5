import type { StackTemplate } from '../../../scripts/docs/stack-exports';

/**
 * Two small hand-written stacks: a service (a table, two functions, a queue consumed by one, an internal
 * API with a custom export name, a bus, a WebSocket API with a Lambda authorizer) and an edge (a public API routing to the service's function by
 * an imported ARN, a function calling the internal API, a rule on the imported bus).
 */
const path = (p: string) => ({ 'aws:cdk:path': p });
const role = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

export const SERVICE: StackTemplate = {
  stackName: 'App-Test-Service',
  template: {
    Resources: {
      ThingsTable: {
        Type: 'AWS::DynamoDB::Table',
        Metadata: path('App-Test-Service/Service/Things/Table/Resource'),
      },
      Bus: { Type: 'AWS::Events::EventBus', Metadata: path('App-Test-Service/DomainEvents/Bus/Resource') },
      WriterRole: { Type: 'AWS::IAM::Role', Metadata: path('App-Test-Service/Service/Writer/Role/Resource') },
      WriterPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'WriterRole' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
                Resource: role('ThingsTable'),
              },
              { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' },
              {
                Effect: 'Allow',
                Action: 'execute-api:ManageConnections',
                Resource: {
                  'Fn::Join': [
                    '',
                    ['arn:aws:execute-api:r:a:', { Ref: 'Socket' }, '/live/POST/@connections/*'],
                  ],
                },
              },
              {
                Effect: 'Allow',
                Action: 'events:PutEvents',
                Resource: role('Bus'),
                Condition: { StringEquals: { 'events:source': 'app.service' } },
              },
            ],
          },
        },
      },
      WriterFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: role('WriterRole'), FunctionName: 'App-Test-Writer' },
        Metadata: path('App-Test-Service/Service/Writer/Function/Resource'),
      },
      WorkQueue: { Type: 'AWS::SQS::Queue', Metadata: path('App-Test-Service/Service/Work/Queue/Resource') },
      ReaderFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: role('ReaderRole') },
        Metadata: path('App-Test-Service/Service/Reader/Function/Resource'),
      },
      ReaderMapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { EventSourceArn: role('WorkQueue'), FunctionName: { Ref: 'ReaderFunction' } },
      },
      InternalApi: {
        Type: 'AWS::ApiGateway::RestApi',
        Metadata: path('App-Test-Service/Service/InternalApi/Api/Resource'),
      },
      Socket: { Type: 'AWS::ApiGatewayV2::Api', Metadata: path('App-Test-Service/Service/Socket/Resource') },
      SocketAuthorizer: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: 'Socket' },
          AuthorizerUri: {
            'Fn::Join': [
              '',
              ['arn:aws:apigateway:r:lambda:path/functions/', role('ReaderFunction'), '/invocations'],
            ],
          },
        },
      },
      SocketIntegration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: { Ref: 'Socket' },
          IntegrationUri: { 'Fn::Join': ['', ['arn:', role('ReaderFunction')]] },
        },
      },
      SocketConnect: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'Socket' },
          RouteKey: '$connect',
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'SocketIntegration' }]] },
        },
      },
      ProviderFunction: {
        Type: 'AWS::Lambda::Function',
        Metadata: path('App-Test-Service/Provider/Custom::Thing/Handler/Resource'),
      },
    },
    Outputs: {
      InternalApiId: { Value: { Ref: 'InternalApi' }, Export: { Name: 'App-Test-ServiceInternalApiId' } },
      ExportsOutputFnGetAttWriterFunctionArn: {
        Value: role('WriterFunction'),
        Export: { Name: 'App-Test-Service:ExportsOutputFnGetAttWriterFunctionArn' },
      },
      ExportsOutputRefBus: {
        Value: { Ref: 'Bus' },
        Export: { Name: 'App-Test-Service:ExportsOutputRefBus' },
      },
    },
  },
};

export const EDGE: StackTemplate = {
  stackName: 'App-Test-Edge',
  template: {
    Resources: {
      PublicApi: { Type: 'AWS::ApiGateway::RestApi', Metadata: path('App-Test-Edge/PublicApi/Resource') },
      Things: {
        Type: 'AWS::ApiGateway::Resource',
        Properties: { ParentId: { 'Fn::GetAtt': ['PublicApi', 'RootResourceId'] }, PathPart: 'things' },
      },
      Thing: {
        Type: 'AWS::ApiGateway::Resource',
        Properties: { ParentId: { Ref: 'Things' }, PathPart: '{thingId}' },
      },
      PutThing: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          HttpMethod: 'PUT',
          RestApiId: { Ref: 'PublicApi' },
          ResourceId: { Ref: 'Thing' },
          Integration: {
            Type: 'AWS_PROXY',
            Uri: {
              'Fn::Join': [
                '',
                [
                  'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/',
                  { 'Fn::ImportValue': 'App-Test-Service:ExportsOutputFnGetAttWriterFunctionArn' },
                  '/invocations',
                ],
              ],
            },
          },
        },
      },
      CallerRole: { Type: 'AWS::IAM::Role' },
      CallerPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'CallerRole' }],
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: 'execute-api:Invoke',
                Resource: {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':execute-api:eu-west-1:123:',
                      { 'Fn::ImportValue': 'App-Test-ServiceInternalApiId' },
                      '/internal/GET/things/*',
                    ],
                  ],
                },
              },
              {
                Effect: 'Allow',
                Action: 'lambda:InvokeFunction',
                Resource: {
                  'Fn::Join': [
                    '',
                    ['arn:', { Ref: 'AWS::Partition' }, ':lambda:eu-west-1:123:function:App-Test-Writer'],
                  ],
                },
              },
            ],
          },
        },
      },
      CallerFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: role('CallerRole') },
        Metadata: path('App-Test-Edge/Composer/Caller/Function/Resource'),
      },
      OnThingChanged: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventBusName: { 'Fn::ImportValue': 'App-Test-Service:ExportsOutputRefBus' },
          EventPattern: {
            source: ['app.service'],
            'detail-type': ['ThingChanged'],
            detail: { data: { kind: ['big'] } },
          },
          Targets: [
            {
              Arn: role('CallerFunction'),
              Id: 'Target0',
              DeadLetterConfig: { Arn: role('RuleDeadLetters') },
            },
          ],
        },
        Metadata: path('App-Test-Edge/Composer/OnThingChanged/Resource'),
      },
      RuleDeadLetters: {
        Type: 'AWS::SQS::Queue',
        Metadata: path('App-Test-Edge/Composer/DeadLetters/Queue/Resource'),
      },
    },
  },
};
