import { randomUUID } from 'node:crypto';

/**
 * A new customer's id, created through the public API at `api` (`POST /customers`) with an access token
 * holding `shop/customers.write`, for suites and benchmarks that place orders over HTTP: orders are
 * accepted only for customers the customers service knows. Anything but a 201 throws with the answer.
 */
export async function createCustomer(api: string, token: string, name = 'Ada Lovelace'): Promise<string> {
  const created = await fetch(`${api}customers`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `customer-${randomUUID()}`,
    },
    body: JSON.stringify({ name, email: `${randomUUID().slice(0, 8)}@example.com` }),
  });
  if (created.status !== 201) {
    throw new Error(`POST /customers answered ${created.status}: ${await created.text()}`);
  }
  return ((await created.json()) as { customerId: string }).customerId;
}
