import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { capacityNote } from '../../../dynamodb/capacity-settings';
import type { CfnTemplate } from '../../../template/cfn-template';
import { resolveAssembly } from '../../../template/resolve-assembly';

const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };

/** The note for the tables one CDK stack declares, from its synthesized template. */
function noteFor(declare: (stack: Stack) => void): string | undefined {
  const app = new App();
  const stack = new Stack(app, 'Tables');
  declare(stack);
  const template = app.synth().getStackByName('Tables').template as CfnTemplate;
  return capacityNote(resolveAssembly([{ stackName: 'Tables', template }]).resources);
}

describe('the note that DynamoDB capacity is not emulated', () => {
  it("is one line naming the tables that ask: CDK's Table defaults to 5 provisioned units", () => {
    expect(
      noteFor((stack) => {
        new dynamodb.Table(stack, 'Provisioned', { partitionKey });
        new dynamodb.Table(stack, 'OnDemand', {
          partitionKey,
          billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        });
        new dynamodb.TableV2(stack, 'Capped', {
          partitionKey,
          billing: dynamodb.Billing.onDemand({ maxWriteRequestUnits: 100 }),
        });
      }),
    ).toMatch(
      /^DynamoDB capacity modes and throttling are not emulated \(Tables\/Provisioned[0-9A-F]{8}, Tables\/Capped[0-9A-F]{8}\): provisioned and on-demand throughput limits are accepted, never enforced; no request is throttled$/,
    );
  });

  it('is absent when no table asks for capacity or limits', () => {
    expect(
      noteFor((stack) => {
        new dynamodb.TableV2(stack, 'Global', { partitionKey });
        new dynamodb.Table(stack, 'OnDemand', {
          partitionKey,
          billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        });
      }),
    ).toBeUndefined();
  });

  it('finds limits on indexes and replicas, and warm throughput', () => {
    const table = (path: string, value: unknown) =>
      noteFor((stack) => {
        new dynamodb.CfnGlobalTable(stack, 'T', {
          attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
          keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
          replicas: [{ region: 'us-east-1' }],
        }).addPropertyOverride(path, value);
      });
    expect(table('Replicas.0.ReadOnDemandThroughputSettings', { MaxReadRequestUnits: 5 })).toMatch(
      /\(Tables\/T\)/,
    );
    expect(
      table('Replicas.0.GlobalSecondaryIndexes', [
        { IndexName: 'byOwner', ReadProvisionedThroughputSettings: { ReadCapacityUnits: 5 } },
      ]),
    ).toMatch(/\(Tables\/T\)/);
    expect(table('WarmThroughput', { ReadUnitsPerSecond: 12000 })).toMatch(/\(Tables\/T\)/);
    expect(table('Replicas.0.Region', 'us-east-1')).toBeUndefined();
  });
});
