import * as z from 'zod/mini';

/**
 * The shop's account with its payment provider, as configuration holds it (a Secrets Manager secret):
 * where the provider's API is and the API key it issued. The stub's in non-production stages, a real
 * provider's in production; the code reading it cannot tell.
 */
export const providerAccountSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().check(z.minLength(20)),
});
export type ProviderAccount = z.infer<typeof providerAccountSchema>;
