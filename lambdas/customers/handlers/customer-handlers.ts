import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { httpHandler, type ProxyHandler } from '../../shared/http/http-handler';
import { idempotencyKeyOf } from '../../shared/http/idempotency-key';
import { parseJsonBody } from '../../shared/http/json-body';
import { idempotentCommand } from '../../shared/idempotency';
import { type CreateCustomerRequest, CUSTOMER_ID, createCustomerRequestSchema } from '../contract';
import type { Customer } from '../domain/customer';
import type { CustomersStore } from '../ports/customers-store';

export const CREATE_CUSTOMER_KEY_PREFIX = 'customers.create-customer';

export interface CreateCustomerDeps {
  readonly customers: CustomersStore;
  readonly idempotency: { readonly client: DynamoDBClient; readonly tableName: string };
  readonly now: () => Date;
  /** 32 hex digits: the customer id is `cus_` + this. */
  readonly newId: () => string;
}

/** `POST /customers` (`Idempotency-Key` required): 201 with the profile, once per key. */
export function createCustomerHandler(deps: CreateCustomerDeps): ProxyHandler {
  const createOnce = idempotentCommand<CreateCustomerRequest, Customer>(
    async ({ payload }) => {
      const customer: Customer = {
        customerId: `cus_${deps.newId()}`,
        ...payload,
        createdAt: deps.now().toISOString(),
      };
      if (!(await deps.customers.create(customer)))
        throw new ConflictError('A customer id collided; retry with a new key.');
      return customer;
    },
    { ...deps.idempotency, keyPrefix: CREATE_CUSTOMER_KEY_PREFIX },
  );
  return httpHandler(async (request, context) => {
    const idempotencyKey = idempotencyKeyOf(request, 'customer');
    const payload = parseJsonBody(request.body, request.isBase64Encoded, createCustomerRequestSchema);
    const customer = await createOnce.run(
      { idempotencyKey, payload, correlationId: request.correlationId },
      context,
    );
    const { customerId, name, email } = customer;
    return {
      status: 201,
      body: { customerId, name, email },
      headers: { Location: `/customers/${customerId}` },
    };
  });
}

/** `GET /customers/{customerId}`: the profile, or 404. */
export function getCustomerHandler(deps: { readonly customers: CustomersStore }): ProxyHandler {
  return httpHandler(async (request) => {
    const customerId = request.pathParameter('customerId') ?? '';
    const customer = CUSTOMER_ID.test(customerId) ? await deps.customers.get(customerId) : undefined;
    if (customer === undefined) throw new NotFoundError(`Customer ${customerId} does not exist.`);
    return {
      status: 200,
      body: { customerId: customer.customerId, name: customer.name, email: customer.email },
    };
  });
}
