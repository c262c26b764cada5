import * as z from 'zod/mini';

/** The customers service's internal API (IAM-authorized). */
export const CUSTOMERS_INTERNAL_ROUTES = {
  getCustomer: { method: 'GET', path: '/customers/{customerId}' },
} as const;

/** `GET /customers/{customerId}`: a customer's profile, as another service may rely on it. */
export const customerProfileSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.string(),
});

export type CustomerProfile = z.infer<typeof customerProfileSchema>;
