import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../shared/aws/conditional-write';
import type { Customer } from '../domain/customer';
import type { CustomersStore } from '../ports/customers-store';

/** The Customers table: one item per customer (partition key `customerId`). */
export class DynamoDbCustomersStore implements CustomersStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  create(customer: Customer): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: customer,
          ConditionExpression: 'attribute_not_exists(customerId)',
        }),
      ),
    );
  }

  async get(customerId: string): Promise<Customer | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { customerId } }),
    );
    return Item as Customer | undefined;
  }
}
