import * as z from 'zod/mini';

/** The provider's own record of the API key it issued to the shop (its secret, not the shop's). */
export const issuedKeySchema = z.object({ apiKey: z.string().check(z.minLength(20)) });
