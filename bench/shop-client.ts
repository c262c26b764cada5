import { randomUUID } from 'node:crypto';

/**
 * A new customer through the public API (`POST /customers`), for benchmarks that place orders over HTTP:
 * orders are accepted only for customers the customers service knows.
 */
export async function createCustomer(api: string): Promise<string> {
  const created = await fetch(`${api}customers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-customer-${randomUUID()}` },
    body: JSON.stringify({ name: 'Bench Customer', email: 'bench@example.com' }),
  });
  if (created.status !== 201) {
    throw new Error(`POST /customers answered ${created.status}: ${await created.text()}`);
  }
  return ((await created.json()) as { customerId: string }).customerId;
}
