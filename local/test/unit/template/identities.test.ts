import type { CfnResource, CfnTemplate } from '../../../template/cfn-template';
import { resolveStacks, resolveTemplate, STACK } from './resolve-template';

const ACCOUNT_REGION = 'us-east-1:000000000000';

const one = (resource: CfnResource, options = {}) => {
  const result = resolveTemplate({ Resources: { Res: resource } }, options);
  const { physicalId, attributes } = result.resource('Res');
  return { physicalId, attributes };
};

describe('local identities', () => {
  it('names a table after TableName, else after the stack and logical id; a stream gets a StreamArn', () => {
    expect(one({ Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } })).toEqual({
      physicalId: 'orders',
      attributes: { Arn: `arn:aws:dynamodb:${ACCOUNT_REGION}:table/orders` },
    });
    const global = one({
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
    });
    expect(global.physicalId).toBe(`${STACK}-Res`);
    expect(global.attributes).toMatchObject({
      Arn: `arn:aws:dynamodb:${ACCOUNT_REGION}:table/${STACK}-Res`,
      StreamArn: `arn:aws:dynamodb:${ACCOUNT_REGION}:table/${STACK}-Res/stream/2026-01-01T00:00:00.000`,
    });
  });

  it('keeps generated Lambda function names within 64 characters, distinct and stable', () => {
    expect(one({ Type: 'AWS::Lambda::Function' })).toEqual({
      physicalId: `${STACK}-Res`,
      attributes: { Arn: `arn:aws:lambda:${ACCOUNT_REGION}:function:${STACK}-Res` },
    });
    const template = (id: string): CfnTemplate => ({
      Resources: { [id]: { Type: 'AWS::Lambda::Function' } },
    });
    const nameOf = (id: string) => resolveTemplate(template(id)).resources[0]?.physicalId ?? '';
    const a = nameOf(`${'X'.repeat(70)}A`);
    const b = nameOf(`${'X'.repeat(70)}B`);
    expect(a).toHaveLength(64);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(nameOf(`${'X'.repeat(70)}A`)).toBe(a);
  });

  it('gives a queue its URL on the configured endpoint as Ref, and its ARN and name', () => {
    expect(
      one(
        { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } },
        { serviceEndpoint: 'http://127.0.0.1:9324/' },
      ),
    ).toEqual({
      physicalId: 'http://127.0.0.1:9324/000000000000/jobs',
      attributes: {
        Arn: `arn:aws:sqs:${ACCOUNT_REGION}:jobs`,
        QueueName: 'jobs',
        QueueUrl: 'http://127.0.0.1:9324/000000000000/jobs',
      },
    });
    expect(one({ Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } }).attributes.QueueName).toBe(
      `${STACK}-Res.fifo`,
    );
  });

  it.each([
    [
      'AWS::IAM::Role',
      {},
      `${STACK}-Res`,
      {
        Arn: `arn:aws:iam::000000000000:role/${STACK}-Res`,
        RoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}$/),
      },
    ],
    [
      'AWS::Logs::LogGroup',
      { LogGroupName: '/aws/lambda/x' },
      '/aws/lambda/x',
      { Arn: `arn:aws:logs:${ACCOUNT_REGION}:log-group:/aws/lambda/x:*` },
    ],
    [
      'AWS::Logs::LogGroup',
      {},
      `/aws/local/${STACK}/Res`,
      { Arn: `arn:aws:logs:${ACCOUNT_REGION}:log-group:/aws/local/${STACK}/Res:*` },
    ],
    [
      'AWS::SNS::Topic',
      { TopicName: 't' },
      `arn:aws:sns:${ACCOUNT_REGION}:t`,
      { TopicArn: `arn:aws:sns:${ACCOUNT_REGION}:t`, TopicName: 't' },
    ],
    [
      'AWS::Events::EventBus',
      { Name: 'shop' },
      'shop',
      { Name: 'shop', Arn: `arn:aws:events:${ACCOUNT_REGION}:event-bus/shop` },
    ],
    ['AWS::Events::Rule', { Name: 'r' }, 'r', { Arn: `arn:aws:events:${ACCOUNT_REGION}:rule/r` }],
    [
      'AWS::Events::Rule',
      { Name: 'r', EventBusName: 'shop' },
      'shop|r',
      { Arn: `arn:aws:events:${ACCOUNT_REGION}:rule/shop/r` },
    ],
    [
      'AWS::StepFunctions::StateMachine',
      { StateMachineName: 'saga' },
      `arn:aws:states:${ACCOUNT_REGION}:stateMachine:saga`,
      {
        Arn: `arn:aws:states:${ACCOUNT_REGION}:stateMachine:saga`,
        Name: 'saga',
        StateMachineRevisionId: `arn:aws:states:${ACCOUNT_REGION}:stateMachine:saga`,
      },
    ],
    ['AWS::ApiGateway::Stage', { StageName: 'v1' }, 'v1', {}],
    ['AWS::ApiGateway::Model', { Name: 'Order' }, 'Order', {}],
    ['AWS::ApiGateway::Model', {}, 'Res', {}],
    ['AWS::S3::Bucket', {}, 'teststack-res', expect.objectContaining({ Arn: 'arn:aws:s3:::teststack-res' })],
    ['AWS::SSM::Parameter', { Name: '/p', Type: 'String', Value: 'v' }, '/p', { Type: 'String', Value: 'v' }],
    [
      'AWS::CloudWatch::Alarm',
      {},
      `${STACK}-Res`,
      { Arn: `arn:aws:cloudwatch:${ACCOUNT_REGION}:alarm:${STACK}-Res` },
    ],
    ['Custom::Thing', {}, `${STACK}-Res`, { Arn: `arn:aws:thing:${ACCOUNT_REGION}:resource/${STACK}-Res` }],
    ['AWS::Pipes::Pipe', {}, `${STACK}-Res`, { Arn: `arn:aws:pipes:${ACCOUNT_REGION}:pipe/${STACK}-Res` }],
  ])('%s %j', (type, properties, physicalId, attributes) => {
    expect(one({ Type: type, Properties: properties })).toEqual({ physicalId, attributes });
  });

  it('derives API Gateway ids, key values, key ids and UUIDs from the resource, not from chance', () => {
    const template: CfnTemplate = {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi' },
        Orders: { Type: 'AWS::ApiGateway::Resource' },
        Deployment: { Type: 'AWS::ApiGateway::Deployment' },
        Key: { Type: 'AWS::ApiGateway::ApiKey' },
        GivenKey: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: 'my-key-value-1234567890' } },
        Mapping: { Type: 'AWS::Lambda::EventSourceMapping' },
        Cmk: { Type: 'AWS::KMS::Key' },
      },
    };
    const first = resolveTemplate(template);
    const second = resolveTemplate(template);
    expect(second.resources).toEqual(first.resources);

    const api = first.resource('Api');
    expect(api.physicalId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.attributes.RootResourceId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.attributes.RootResourceId).not.toBe(api.physicalId);
    expect(first.resource('Orders').physicalId).toMatch(/^[a-z0-9]{6}$/);
    expect(first.resource('Deployment').attributes.DeploymentId).toBe(
      first.resource('Deployment').physicalId,
    );
    expect(first.resource('Key').attributes.Value).toMatch(/^[0-9a-f]{40}$/);
    expect(first.resource('GivenKey').attributes.Value).toBe('my-key-value-1234567890');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(first.resource('Mapping').physicalId).toMatch(uuid);
    expect(first.resource('Mapping').attributes.EventSourceMappingArn).toBe(
      `arn:aws:lambda:${ACCOUNT_REGION}:event-source-mapping:${first.resource('Mapping').physicalId}`,
    );
    expect(first.resource('Cmk').attributes.Arn).toBe(
      `arn:aws:kms:${ACCOUNT_REGION}:key/${first.resource('Cmk').physicalId}`,
    );

    const sameIdsInOtherStack = resolveStacks([{ stackName: 'OtherStack', template }]).resource(
      'Api',
      'OtherStack',
    );
    expect(sameIdsInOtherStack.physicalId).not.toBe(api.physicalId);
  });
});

describe('overrides', () => {
  it('replaces the physical id and merges attributes, and every reference sees the overridden values', () => {
    const template: CfnTemplate = {
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: { TableName: 'orders', StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] } },
        },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } },
        User: {
          Type: 'AWS::Lambda::Function',
          Properties: { Environment: { Variables: { QUEUE: { Ref: 'Queue' }, TABLE: { Ref: 'Table' } } } },
        },
      },
    };
    const seen: string[] = [];
    const result = resolveTemplate(template, {
      overrides: (resource) => {
        seen.push(`${resource.type}:${resource.physicalId}`);
        if (resource.logicalId === 'Table') return { attributes: { StreamArn: 'real-stream-arn' } };
        if (resource.logicalId === 'Queue') return { physicalId: 'http://localhost:9999/000000000000/jobs' };
        return undefined;
      },
    });
    expect(result.properties('Mapping').EventSourceArn).toBe('real-stream-arn');
    expect(result.resource('Table').attributes).toEqual({
      Arn: `arn:aws:dynamodb:${ACCOUNT_REGION}:table/orders`,
      StreamArn: 'real-stream-arn',
    });
    expect(result.properties('User').Environment).toEqual({
      Variables: { QUEUE: 'http://localhost:9999/000000000000/jobs', TABLE: 'orders' },
    });
    expect(seen).toContain('AWS::SQS::Queue:http://localhost:4566/000000000000/jobs');
  });
});
