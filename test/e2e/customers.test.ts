import { randomUUID } from 'node:crypto';
import { call, createCustomer as create, expectProblem } from './public-api';

/** Customer profiles through the public API. */

describe('customers through the public API', () => {
  it('creates a profile (201 + Location) once per key, and reads it back', async () => {
    const key = randomUUID();
    const created = await create({ name: 'Ada Lovelace', email: 'ada@example.com' }, key);
    expect(created.status).toBe(201);
    const customer = created.json<{ customerId: string; name: string; email: string }>();
    expect(customer).toEqual({
      customerId: expect.stringMatching(/^cus_[0-9a-f]{32}$/),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    expect(created.headers.get('location')).toBe(`/customers/${customer.customerId}`);

    const again = await create({ name: 'Ada Lovelace', email: 'ada@example.com' }, key);
    expect(again.status).toBe(201);
    expect(again.text).toBe(created.text);
    expectProblem(await create({ name: 'Someone Else', email: 'x@example.com' }, key), 422);

    const read = await call('GET', `customers/${customer.customerId}`);
    expect(read.status).toBe(200);
    expect(read.json()).toEqual(customer);
  });

  it.each([
    ['no Idempotency-Key', () => create({ name: 'A', email: 'a@example.com' }, null)],
    ['a malformed email', () => create({ name: 'A', email: 'not-an-email' })],
    ['an unknown field', () => create({ name: 'A', email: 'a@example.com', vip: true })],
    ['an empty name', () => create({ name: '', email: 'a@example.com' })],
  ])('refuses %s with 400 problem+json', async (_, send) => {
    expectProblem(await send(), 400);
  });

  it('answers an unknown or malformed customer id with 404', async () => {
    expectProblem(await call('GET', `customers/cus_${'0'.repeat(32)}`), 404);
    expectProblem(await call('GET', 'customers/nobody'), 404);
  });
});
