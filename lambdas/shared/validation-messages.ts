import { en } from 'zod/locales';
import { config } from 'zod/mini';

// zod/mini ships no messages by default; load English once so validation errors say what is wrong.
config(en());
