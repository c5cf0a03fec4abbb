import { z } from 'zod';
import { defaultLocale, locales } from '../../core/locales.ts';
import { emailField } from '../accounts/accounts.schemas.ts';

/** A "Stay informed" sign-up, from the footer form or JSON. Messages are error codes. */
export const subscribeInput = z.object({
  email: emailField,
  /** Locale of the page the form was on; the confirmation mail is written in it. */
  lang: z.enum(locales).catch(defaultLocale),
});
export type SubscribeInput = z.infer<typeof subscribeInput>;

export const confirmQuery = z.object({ token: z.string().min(20).max(100) });
export const unsubscribeQuery = z.object({ id: z.uuid(), sig: z.string().min(20).max(100) });
