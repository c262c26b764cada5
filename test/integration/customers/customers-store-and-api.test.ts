import { fromEnv } from '@aws-sdk/credential-provider-env';
import { HttpCustomerDirectory } from '../../../lambdas/orders/adapters/http-customer-directory';
import { signedFetch } from '../../../lambdas/shared/http/signed-fetch';
import { type CustomersApi, startCustomersApi } from '../../helpers/customers-api';
import {
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../../helpers/dynamodb-local';

/**
 * The customers service's store on DynamoDB Local (its table from the synthesized template), and its
 * internal API as the orders service reaches it: SigV4-signed through the local API Gateway's IAM check to
 * the real get-customer handler.
 */
let db: DynamoDbLocal;
let api: CustomersApi;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  api = await startCustomersApi(db.client, 'customers-it');
});
afterAll(async () => {
  await api?.stop();
  await db?.stop();
});

const customer = (customerId: string, name = 'Grace Hopper') => ({
  customerId,
  name,
  email: 'grace@example.com',
  createdAt: '2026-11-26T09:00:00.000Z',
});

describe('DynamoDbCustomersStore', () => {
  it('stores a new customer and reads it back', async () => {
    const id = 'cus_0000000000000000000000000000a001';
    expect(await api.customers.create(customer(id))).toBe(true);
    expect(await api.customers.get(id)).toEqual(customer(id));
  });

  it('never overwrites an existing id: the second create is refused and the first profile stays', async () => {
    const id = 'cus_0000000000000000000000000000a002';
    expect(await api.customers.create(customer(id, 'First'))).toBe(true);
    expect(await api.customers.create(customer(id, 'Second'))).toBe(false);
    expect((await api.customers.get(id))?.name).toBe('First');
  });

  it('answers undefined for an unknown id', async () => {
    expect(await api.customers.get('cus_0000000000000000000000000000ffff')).toBeUndefined();
  });
});

describe('the internal API, as the orders service calls it', () => {
  const signed = (credentials: { accessKeyId: string; secretAccessKey: string } = LOCAL_CREDENTIALS) =>
    signedFetch({ region: LOCAL_REGION, credentials: async () => credentials });
  const directory = () => new HttpCustomerDirectory(api.url, 2_000, signed());

  it('knows an existing customer and not an unknown one', async () => {
    const id = 'cus_0000000000000000000000000000a003';
    await api.ensureCustomer(id);
    await expect(directory().exists(id, { correlationId: 'it-1' })).resolves.toBe(true);
    await expect(
      directory().exists('cus_0000000000000000000000000000fffe', { correlationId: 'it-2' }),
    ).resolves.toBe(false);
    // Not even a well-formed id: still just "no such customer", never a 400 the caller must interpret.
    await expect(directory().exists('customer 42/../x', { correlationId: 'it-3' })).resolves.toBe(false);
  });

  it('signs with the credentials of the environment, as the deployed function does', async () => {
    const previous = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    });
    try {
      const fromEnvironment = new HttpCustomerDirectory(
        api.url,
        2_000,
        signedFetch({ region: LOCAL_REGION, credentials: fromEnv() }),
      );
      await api.ensureCustomer('cus_0000000000000000000000000000a004');
      await expect(
        fromEnvironment.exists('cus_0000000000000000000000000000a004', { correlationId: 'it-4' }),
      ).resolves.toBe(true);
    } finally {
      process.env = previous;
    }
  });

  it('refuses unsigned and wrongly signed callers before the function, and the adapter fails loudly', async () => {
    const unsigned = await fetch(`${api.url}customers/cus_0000000000000000000000000000a003`);
    expect(unsigned.status).toBe(403);
    const impostor = new HttpCustomerDirectory(
      api.url,
      2_000,
      signed({ accessKeyId: 'local', secretAccessKey: 'not-the-secret' }),
    );
    await expect(
      impostor.exists('cus_0000000000000000000000000000a003', { correlationId: 'x' }),
    ).rejects.toThrow('Unexpected answer from the customers API: HTTP 403');
  });
});
