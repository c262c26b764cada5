import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';

export interface ServiceTableProps {
  readonly config: StageConfig;
  readonly partitionKey: dynamodb.Attribute;
  readonly sortKey?: dynamodb.Attribute;
  readonly timeToLiveAttribute?: string;
  readonly stream?: dynamodb.StreamViewType;
  readonly globalSecondaryIndexes?: dynamodb.GlobalSecondaryIndexPropsV2[];
  readonly localSecondaryIndexes?: dynamodb.LocalSecondaryIndexProps[];
}

/**
 * A DynamoDB table with our defaults: on-demand, encrypted with an AWS-owned key, point-in-time recovery,
 * and the stage's removal policy and deletion protection (RETAIN + protected in prod).
 */
export class ServiceTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: ServiceTableProps) {
    super(scope, id);
    const { data } = props.config;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: props.partitionKey,
      ...(props.sortKey ? { sortKey: props.sortKey } : {}),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: data.pointInTimeRecovery },
      deletionProtection: data.deletionProtection,
      removalPolicy: data.removalPolicy,
      ...(props.timeToLiveAttribute ? { timeToLiveAttribute: props.timeToLiveAttribute } : {}),
      ...(props.stream ? { dynamoStream: props.stream } : {}),
      ...(props.globalSecondaryIndexes ? { globalSecondaryIndexes: props.globalSecondaryIndexes } : {}),
      ...(props.localSecondaryIndexes ? { localSecondaryIndexes: props.localSecondaryIndexes } : {}),
    });
  }

  /**
   * Grants exactly `actions` on the table, or on one of its indexes only. CDK's own `grant` adds every
   * index (`/index/*`) whenever a table has any, which is more than a function that reads one index needs.
   */
  grant(
    grantee: iam.IGrantable,
    actions: readonly string[],
    on: { readonly index?: string } = {},
  ): iam.Grant {
    const arn = on.index === undefined ? this.table.tableArn : `${this.table.tableArn}/index/${on.index}`;
    return iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [arn] });
  }
}
