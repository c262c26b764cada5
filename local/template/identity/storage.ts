import { isRecord } from '../cfn-template';
import { mixedId, shortId, uuidFrom } from '../deterministic-ids';
import { arn } from '../local-environment';
import { generatedName, nameOf, seedOf, stringProperty } from './names';
import type { IdentityRule } from './types';

/**
 * AWS gives a stream a label (its creation time); DynamoDB Local gives the real one only once the table
 * exists, so the resolver uses this fixed label and the orchestrator overrides StreamArn when it knows better.
 */
export const DEFAULT_STREAM_LABEL = '2026-01-01T00:00:00.000';

const dynamoDbTable: IdentityRule = (resource, env) => {
  const name = nameOf(resource, 'TableName', 255);
  const tableArn = arn(env, 'dynamodb', `table/${name}`);
  const hasStream = isRecord(resource.properties.StreamSpecification);
  return {
    physicalId: name,
    attributes: {
      Arn: tableArn,
      ...(hasStream ? { StreamArn: `${tableArn}/stream/${DEFAULT_STREAM_LABEL}` } : {}),
      ...(resource.type === 'AWS::DynamoDB::GlobalTable'
        ? { TableId: uuidFrom(seedOf(resource, 'table')) }
        : {}),
    },
  };
};

const s3Bucket: IdentityRule = (resource, env) => {
  const name = stringProperty(resource, 'BucketName') ?? generatedName(resource, 63, { lowercase: true });
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:${env.partition}:s3:::${name}`,
      DomainName: `${name}.s3.${env.urlSuffix}`,
      RegionalDomainName: `${name}.s3.${env.region}.${env.urlSuffix}`,
      DualStackDomainName: `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
      WebsiteURL: `http://${name}.s3-website-${env.region}.${env.urlSuffix}`,
    },
  };
};

const ssmParameter: IdentityRule = (resource) => {
  const name = nameOf(resource, 'Name', 1011);
  const value = resource.properties.Value;
  return {
    physicalId: name,
    attributes: {
      Type: stringProperty(resource, 'Type') ?? 'String',
      ...(typeof value === 'string' ? { Value: value } : {}),
    },
  };
};

const kmsKey: IdentityRule = (resource, env) => {
  const keyId = uuidFrom(seedOf(resource, 'key'));
  return { physicalId: keyId, attributes: { KeyId: keyId, Arn: arn(env, 'kms', `key/${keyId}`) } };
};

const kmsAlias: IdentityRule = (resource) => ({
  physicalId: stringProperty(resource, 'AliasName') ?? `alias/${generatedName(resource, 250)}`,
  attributes: {},
});

const secret: IdentityRule = (resource, env) => {
  // CloudFormation names an unnamed secret `<LogicalId>-<12 random characters>` (its guide's example:
  // `CloudFormationCreatedSecret-a1b2c3d4e5f6`), not `<stack>-<logicalId>` as it names most resources.
  const name =
    stringProperty(resource, 'Name') ??
    `${resource.logicalId}-${mixedId(seedOf(resource, 'secret-name'), 12)}`;
  // Secrets Manager appends six random characters to every secret ARN.
  const secretArn = arn(env, 'secretsmanager', `secret:${name}-${shortId(seedOf(resource, 'secret'), 6)}`);
  return { physicalId: secretArn, attributes: { Id: secretArn } };
};

export const STORAGE_RULES: Readonly<Record<string, IdentityRule>> = {
  'AWS::DynamoDB::Table': dynamoDbTable,
  'AWS::DynamoDB::GlobalTable': dynamoDbTable,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::SSM::Parameter': ssmParameter,
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::Alias': kmsAlias,
  'AWS::SecretsManager::Secret': secret,
};
