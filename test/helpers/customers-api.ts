import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildRestApis, type CfnTemplate, RestApiServer, resolveAssembly } from '@shop/local-cloud';
import { DynamoDbCustomersStore } from '../../lambdas/customers/adapters/dynamodb-customers-store';
import { getCustomerHandler } from '../../lambdas/customers/handlers/customer-handlers';
import { documentClient } from '../../lambdas/shared/aws/clients';
import { lambdaContext } from './api-gateway-event';
import { createTables, LOCAL_CREDENTIALS, LOCAL_REGION, tableNamed } from './dynamodb-local';
import { inProcessLambda } from './in-process-lambda';
import { logicalIdOf } from './shop-templates';
import { synthShop } from './synth';

/** The customers service's internal API, served here, and its table to put customers in. */
export interface CustomersApi {
  /** The stage URL a caller is configured with (`CUSTOMERS_API_URL`). */
  readonly url: string;
  readonly customers: DynamoDbCustomersStore;
  /** Stores a customer with this id (or does nothing if it exists), as POST /customers would. */
  ensureCustomer(customerId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The customers internal API as synthesized (routes, IAM authorization) on the local cloud's API Gateway
 * emulator, checking SigV4 signatures made with the local credentials, in front of the real get-customer
 * handler on DynamoDB Local (tables from the Customers stack's template). What the orders service calls,
 * minus only the separate function process.
 */
export async function startCustomersApi(client: DynamoDBClient, suite: string): Promise<CustomersApi> {
  const { app, stacks } = synthShop('local');
  const stackName = stacks.customers.stackName;
  const template = app.synth().getStackByName(stackName).template as CfnTemplate;
  const tables = await createTables(client, template, `${suite}-customers`);
  const customers = new DynamoDbCustomersStore(documentClient(client), tableNamed(tables, 'CustomersTable'));

  const { resources } = resolveAssembly([{ stackName, template }]);
  const getCustomerName = resources.find(
    (r) => r.logicalId === logicalIdOf(stacks.customers.customers.getCustomer),
  )?.physicalId;
  if (getCustomerName === undefined) throw new Error('No get-customer function in the Customers stack');
  const handler = getCustomerHandler({ customers });
  const lambda = inProcessLambda({
    [getCustomerName]: (event: never) => handler(event, lambdaContext('get-customer') as never),
  });
  const model = buildRestApis(resources).find((api) => api.name.endsWith('-customers-internal'));
  if (model === undefined) throw new Error('No customers internal API in the Customers stack');
  const server = new RestApiServer(model, {
    lambda,
    region: LOCAL_REGION,
    iamCredentials: [LOCAL_CREDENTIALS],
  });
  await server.listen(0);
  return {
    url: server.stageUrl('internal'),
    customers,
    async ensureCustomer(customerId) {
      await customers.create({
        customerId,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        createdAt: new Date().toISOString(),
      });
    },
    stop: () => server.close(),
  };
}
