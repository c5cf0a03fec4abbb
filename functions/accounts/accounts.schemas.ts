import { z } from 'zod';
import { defaultLocale, locales } from '../../src/i18n/locales.ts';

/** The e-mail field shared by every form that takes an address; messages are error codes. */
export const emailField = z
  .string({ error: 'email.required' })
  .trim()
  .min(1, { error: 'email.required' })
  .max(254, { error: 'email.tooLong' })
  .pipe(z.email({ error: 'email.invalid' }))
  .transform((email) => email.toLowerCase());

/** A request for a sign-in link. */
export const loginInput = z.object({ email: emailField, lang: z.enum(locales).catch(defaultLocale) });

export const callbackQuery = z.object({ token: z.string().min(20).max(100) });
