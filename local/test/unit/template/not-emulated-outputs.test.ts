// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub templates
import { notEmulatedOutputWarnings, withoutForeignAddresses } from '../../../cloud/not-emulated-outputs';
import type { CfnTemplate } from '../../../template/cfn-template';
import { resolveStacks, resolveTemplate, STACK } from './resolve-template';

const SUPPORTED = new Set(['AWS::ApiGateway::RestApi', 'AWS::SQS::Queue', 'AWS::Lambda::Function']);

const template: CfnTemplate = {
  Resources: {
    Api: { Type: 'AWS::ApiGateway::RestApi' },
    Queue: { Type: 'AWS::SQS::Queue' },
    HttpApi: { Type: 'AWS::AppSync::GraphQLApi' },
    Site: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'my.site.bucket' } },
    Dist: { Type: 'AWS::CloudFront::Distribution' },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { Domain: 'shop' } },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Environment: { Variables: { HTTP_API: { 'Fn::GetAtt': ['HttpApi', 'GraphQLUrl'] } } } },
    },
  },
  Outputs: {
    // Addresses of what the local cloud does not run.
    HttpApiEndpoint: { Value: { 'Fn::GetAtt': ['HttpApi', 'GraphQLUrl'] } },
    HttpApiUrl: {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: 'HttpApi' },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
          ],
        ],
      },
    },
    SiteUrl: { Value: { 'Fn::GetAtt': ['Site', 'WebsiteURL'] } },
    SiteHost: { Value: { 'Fn::Sub': '${Site}.s3.amazonaws.com' } },
    SiteObject: { Value: { 'Fn::Sub': 'https://s3.${AWS::Region}.amazonaws.com/${Site}/index.html' } },
    DistDomain: { Value: { 'Fn::GetAtt': ['Dist', 'DomainName'] } },
    LoginUrl: { Value: { 'Fn::Sub': 'https://${Domain}.auth.${AWS::Region}.amazoncognito.com/login' } },
    // Data, and addresses of what it runs.
    HttpApiId: { Value: { Ref: 'HttpApi' } },
    SiteName: { Value: { Ref: 'Site' } },
    SiteArn: { Value: { 'Fn::GetAtt': ['Site', 'Arn'] } },
    RestUrl: { Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/' } },
    QueueUrl: { Value: { Ref: 'Queue' } },
    Limit: { Value: '42' },
  },
};

const notEmulated = (supported: Iterable<string> | undefined) =>
  Object.fromEntries(
    resolveTemplate(template, supported ? { supportedTypes: supported } : {}).notEmulatedOutputs.map(
      (output) => [output.outputName, `${output.type} ${output.logicalId}`],
    ),
  );

describe('outputs that are addresses of resources the local cloud does not run', () => {
  it('are told apart by where their value came from, whatever its text', () => {
    expect(notEmulated(SUPPORTED)).toEqual({
      HttpApiEndpoint: 'AWS::AppSync::GraphQLApi HttpApi',
      HttpApiUrl: 'AWS::AppSync::GraphQLApi HttpApi',
      SiteUrl: 'AWS::S3::Bucket Site',
      SiteHost: 'AWS::S3::Bucket Site',
      SiteObject: 'AWS::S3::Bucket Site',
      DistDomain: 'AWS::CloudFront::Distribution Dist',
      LoginUrl: 'AWS::Cognito::UserPoolDomain Domain',
    });
  });

  it('stop being told apart once their type is supported', () => {
    const supported = [...SUPPORTED, 'AWS::Cognito::UserPoolDomain', 'AWS::S3::Bucket'];
    expect(Object.keys(notEmulated(supported))).toEqual(['HttpApiEndpoint', 'HttpApiUrl', 'DistDomain']);
  });

  it('are not looked for when the caller does not say what it supports', () => {
    expect(notEmulated(undefined)).toEqual({});
  });

  it('are reported as such, not as an attribute it could not compute; a property still is', () => {
    const result = resolveTemplate(template, { supportedTypes: SUPPORTED });
    // HttpApiEndpoint and DistDomain read attributes it has no value for: they are not in this list.
    expect(result.unresolved.map((problem) => problem.location)).toEqual([
      `${STACK}/Resources/Fn/Properties/Environment/Variables/HTTP_API`,
    ]);
  });

  it('are followed through an export into the stack that imports it', () => {
    const result = resolveStacks(
      [
        {
          stackName: 'Apis',
          template: {
            Resources: { HttpApi: { Type: 'AWS::AppSync::GraphQLApi' } },
            Outputs: { Id: { Value: { Ref: 'HttpApi' }, Export: { Name: 'http-api-id' } } },
          },
        },
        {
          stackName: 'Site',
          dependencies: ['Apis'],
          template: {
            Outputs: {
              Url: {
                Value: {
                  'Fn::Sub': [
                    'https://${Id}.execute-api.example.com/',
                    { Id: { 'Fn::ImportValue': 'http-api-id' } },
                  ],
                },
              },
              Id: { Value: { 'Fn::ImportValue': 'http-api-id' } },
            },
          },
        },
      ],
      { supportedTypes: SUPPORTED },
    );
    expect(result.notEmulatedOutputs).toEqual([
      { stackName: 'Site', outputName: 'Url', type: 'AWS::AppSync::GraphQLApi', logicalId: 'HttpApi' },
    ]);
  });

  it('are written to the outputs file as not emulated, and named once at start', () => {
    const result = resolveTemplate(template, { supportedTypes: SUPPORTED });
    const outputs = withoutForeignAddresses(result.outputs, result.notEmulatedOutputs)[STACK] ?? {};

    expect(outputs.HttpApiUrl).toBe('not emulated: AWS::AppSync::GraphQLApi HttpApi');
    expect(outputs.SiteUrl).toBe('not emulated: AWS::S3::Bucket Site');
    expect(outputs).toMatchObject({ HttpApiId: `${STACK}-HttpApi`, SiteName: 'my.site.bucket', Limit: '42' });
    expect(outputs.RestUrl).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/);
    expect(notEmulatedOutputWarnings(result.notEmulatedOutputs)[0]).toBe(
      `${STACK}/Outputs/HttpApiEndpoint: the address of AWS::AppSync::GraphQLApi HttpApi, which does not run locally; the outputs file says "not emulated: AWS::AppSync::GraphQLApi HttpApi"`,
    );
  });
});
