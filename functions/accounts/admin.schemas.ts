import { z } from 'zod';
import { defaultLocale, locales } from '../../core/locales.ts';
import { roles } from '../db/schema/accounts.ts';
import { emailField } from './accounts.schemas.ts';

const role = z.enum(roles, { error: 'role.invalid' });
/** '' for portal-wide, or `edition:<year>` for one competition edition. */
const scope = z
  .string()
  .trim()
  .regex(/^(edition:\d{4})?$/, { error: 'role.invalid' })
  .default('');

/** Inviting someone: their address, mail language, and optionally a first role. */
export const inviteInput = z.object({
  email: emailField,
  locale: z.enum(locales).catch(defaultLocale),
  role: z.enum([...roles, ''], { error: 'role.invalid' }).default(''),
  scope,
});

export const roleInput = z.object({ role, scope });
