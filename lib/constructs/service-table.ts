import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';

export interface ServiceTableProps {
  readonly config: StageConfig;
  readonly partitionKey: dynamodb.Attribute;
  readonly sortKey?: dynamodb.Attribute;
  readonly timeToLiveAttribute?: string;
  readonly stream?: dynamodb.StreamViewType;
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
    });
  }
}
