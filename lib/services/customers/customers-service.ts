import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { StageConfig } from '../../config/stage-config';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface CustomersServiceProps {
  readonly config: StageConfig;
}

/** The customers service: profiles in the Customers table, created idempotently, read by id. */
export class CustomersService extends Construct {
  readonly customers: ServiceTable;
  readonly idempotency: ServiceTable;
  readonly createCustomer: IFunction;
  readonly getCustomer: IFunction;

  constructor(scope: Construct, id: string, props: CustomersServiceProps) {
    super(scope, id);
    const { config } = props;
    this.customers = new ServiceTable(this, 'Customers', {
      config,
      partitionKey: { name: 'customerId', type: AttributeType.STRING },
    });
    this.idempotency = new ServiceTable(this, 'Idempotency', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });
    this.createCustomer = new ServiceFunction(this, 'CreateCustomer', {
      config,
      service: 'customers',
      handler: 'create-customer',
      invocation: 'sync',
      description: 'POST /customers: creates a customer profile (idempotent)',
      environment: {
        CUSTOMERS_TABLE_NAME: this.customers.table.tableName,
        IDEMPOTENCY_TABLE_NAME: this.idempotency.table.tableName,
      },
    }).function;
    this.customers.grant(this.createCustomer, ['dynamodb:PutItem']);
    this.idempotency.grant(this.createCustomer, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    this.getCustomer = new ServiceFunction(this, 'GetCustomer', {
      config,
      service: 'customers',
      handler: 'get-customer',
      invocation: 'sync',
      description: 'GET /customers/{customerId}: a customer profile',
      environment: { CUSTOMERS_TABLE_NAME: this.customers.table.tableName },
    }).function;
    this.customers.grant(this.getCustomer, ['dynamodb:GetItem']);
  }
}
