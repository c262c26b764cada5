import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CUSTOMERS_INTERNAL_ROUTES } from '../../../lambdas/customers/contract';
import type { StageConfig } from '../../config/stage-config';
import { InternalApi, importInternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface CustomersServiceProps {
  readonly config: StageConfig;
}

/** How another service looks customers up: the internal API's address and the grant to call it. */
export interface CustomerLookup {
  /** Base URL of the customers internal API (ends with a slash); `GET customers/{customerId}`. */
  readonly url: string;
  grantLookup(grantee: IFunction): void;
}

const SERVICE = 'customers';
const { getCustomer: LOOKUP } = CUSTOMERS_INTERNAL_ROUTES;

/** The customer lookup for a service in another stack (deployed after the customers stack). */
export function importCustomerLookup(config: StageConfig): CustomerLookup {
  const api = importInternalApi(config, SERVICE);
  return { url: api.url, grantLookup: (grantee) => api.grantInvoke(grantee, LOOKUP) };
}

/**
 * The customers service: profiles in the Customers table, created idempotently, read by id. Clients reach
 * it through the edge's public API; other services through its internal API (IAM-authorized), which
 * serves the same read to callers granted it (`importCustomerLookup`).
 */
export class CustomersService extends Construct {
  readonly customers: ServiceTable;
  readonly idempotency: ServiceTable;
  readonly createCustomer: IFunction;
  readonly getCustomer: IFunction;
  readonly internalApi: InternalApi;

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

    this.internalApi = new InternalApi(this, 'InternalApi', {
      config,
      service: SERVICE,
      description: 'Customers service API for other services (IAM-authorized): customer lookups',
    });
    this.internalApi.addRoute(LOOKUP, this.getCustomer, 'GetCustomer');
  }
}
