import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional-write';
import { type Behaviour, type Charge, NORMAL } from '../domain/ledger';
import type { ProviderLedger } from '../ports/provider-ledger';

/** The provider's ledger table: `charge#<chargeId>` items and one `behaviour` item. */
export class DynamoDbProviderLedger implements ProviderLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async behaviour(): Promise<Behaviour> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: 'behaviour' } }),
    );
    return Item === undefined
      ? NORMAL
      : { latencyMs: Number(Item.latencyMs), failureRate: Number(Item.failureRate) };
  }

  async setBehaviour(behaviour: Behaviour): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { id: 'behaviour', ...behaviour } }),
    );
  }

  async findCharge(chargeId: string): Promise<Charge | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: `charge#${chargeId}` }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const { id: _, ...charge } = Item;
    return charge as Charge;
  }

  async createCharge(charge: Charge): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: `charge#${charge.chargeId}`, ...charge },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );
  }

  async refund(chargeId: string): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: `charge#${chargeId}` },
          UpdateExpression: 'SET #status = :refunded, refundedAmount = amount',
          ConditionExpression: '#status = :captured',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':refunded': 'refunded', ':captured': 'captured' },
        }),
      ),
    );
  }
}
