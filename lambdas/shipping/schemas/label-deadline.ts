import * as z from 'zod/mini';

/** The message shipping sends itself, delayed, when it asks for a label: "this request is due now". */
export const labelDeadlineSchema = z.object({ requestId: z.string().check(z.minLength(1)) });
export type LabelDeadline = z.infer<typeof labelDeadlineSchema>;
