import * as z from 'zod/mini';
import '../../shared/validation-messages';

/** The body of `POST /customers`; as the API Gateway model too, so gateway and function agree. */
export const createCustomerRequestSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  email: z
    .string()
    .check(z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')),
});

export type CreateCustomerRequest = z.infer<typeof createCustomerRequestSchema>;

export const CUSTOMER_ID = /^cus_[0-9a-f]{32}$/;
