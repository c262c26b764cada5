import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { ResolvedResource } from '../model/resolved-resource';

/**
 * Turns the DynamoDB tables declared in a CloudFormation template (AWS::DynamoDB::Table and the
 * AWS::DynamoDB::GlobalTable that CDK's TableV2 emits) into CreateTable requests, so DynamoDB Local gets
 * exactly the keys, indexes, streams and TTL that AWS would. Generic: knows nothing of this app.
 */
export interface TableDefinition {
  readonly logicalId: string;
  readonly create: CreateTableCommandInput;
  readonly timeToLiveAttribute?: string;
}

type CfnResource = { Type: string; Properties?: Record<string, unknown> };
type CfnTemplate = { Resources?: Record<string, CfnResource> };

export const TABLE_TYPES: ReadonlySet<string> = new Set([
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
]);

/** The tables a (synthesized) template declares, each named by `tableName(logicalId)`. */
export function tableDefinitions(
  template: CfnTemplate,
  tableName: (logicalId: string) => string,
): TableDefinition[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => TABLE_TYPES.has(resource.Type))
    .map(([logicalId, resource]) => toDefinition(logicalId, resource.Properties ?? {}, tableName(logicalId)));
}

/** The tables among an assembly's resolved resources, each under its local (physical) name. */
export function resolvedTableDefinitions(resources: readonly ResolvedResource[]): TableDefinition[] {
  return resources
    .filter((resource) => TABLE_TYPES.has(resource.type))
    .map((resource) => toDefinition(resource.logicalId, resource.properties, resource.physicalId));
}

/** One table's CreateTable request from its (resolved) CloudFormation properties. */
export function toDefinition(
  logicalId: string,
  props: Readonly<Record<string, unknown>>,
  name: string,
): TableDefinition {
  const indexes = (key: string) => (props[key] as Array<Record<string, unknown>> | undefined) ?? [];
  const gsis = indexes('GlobalSecondaryIndexes').map((index) => ({
    IndexName: index.IndexName as string,
    KeySchema: index.KeySchema as CreateTableCommandInput['KeySchema'],
    Projection: index.Projection as { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE' },
  }));
  const lsis = indexes('LocalSecondaryIndexes').map((index) => ({
    IndexName: index.IndexName as string,
    KeySchema: index.KeySchema as CreateTableCommandInput['KeySchema'],
    Projection: index.Projection as { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE' },
  }));
  const streamViewType = (props.StreamSpecification as { StreamViewType?: string } | undefined)
    ?.StreamViewType;
  const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  return {
    logicalId,
    create: {
      TableName: name,
      AttributeDefinitions: props.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
      KeySchema: props.KeySchema as CreateTableCommandInput['KeySchema'],
      // Capacity is meaningless locally; on-demand keeps CreateTable free of throughput settings.
      BillingMode: 'PAY_PER_REQUEST',
      ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
      ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
      ...(streamViewType
        ? {
            StreamSpecification: {
              StreamEnabled: true,
              StreamViewType: streamViewType as
                | 'NEW_IMAGE'
                | 'OLD_IMAGE'
                | 'NEW_AND_OLD_IMAGES'
                | 'KEYS_ONLY',
            },
          }
        : {}),
    },
    ...(ttl?.Enabled && ttl.AttributeName ? { timeToLiveAttribute: ttl.AttributeName } : {}),
  };
}
