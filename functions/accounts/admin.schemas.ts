import { z } from 'zod';
import { defaultLocale, locales } from '../../core/locales.ts';
import { roles } from '../db/schema/accounts.ts';
import { pagingQuery, type PagingQuery } from '../http/paging.ts';
import { emailField } from './accounts.schemas.ts';

const role = z.enum(roles, { error: 'role.invalid' });
/** '' for portal-wide, or `edition:<year>` for one competition edition. */
const scope = z
  .string()
  .trim()
  .regex(/^(edition:\d{4})?$/, { error: 'role.invalid' })
  .default('');

/** Roles an invitation may give at once: every role but `admin`, given only on the person's page, confirmed. */
export const inviteRoles = roles.filter((r) => r !== 'admin');

/** Inviting someone: their address, mail language, and optionally a first role (not `admin`). */
export const inviteInput = z.object({
  email: emailField,
  locale: z.enum(locales).catch(defaultLocale),
  role: z.enum([...inviteRoles, ''], { error: 'role.invalid' }).default(''),
  scope,
});

/** Taking a role: which one, in which scope. */
export const roleInput = z.object({ role, scope });

/**
 * Giving a role: which one (nothing is preselected: an empty choice is refused), in which scope;
 * `admin` only with `confirm` ticked (a form's checkbox sends `on`).
 */
export const grantInput = z
  .object({
    role,
    scope,
    confirm: z
      .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
      .default(false)
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .refine((g) => g.role !== 'admin' || g.confirm, { error: 'role.confirmAdmin', path: ['confirm'] });
/** What a client sends to give a role: the role as any text (a form's select), which the schema judges. */
export type GrantBody = { role: string; scope?: string; confirm?: string | boolean };

/** The accounts list: search in the address (`q`), a role held in any scope (`role`), `page` and `size`. */
export const usersQuery = pagingQuery.extend({ role: z.enum([...roles, '']).catch('') });
export type UsersFilter = z.infer<typeof usersQuery>;
/** The accounts list's query as a query string carries it (each optional). */
export type UsersQuery = PagingQuery & { role?: string };

export { PAGE_SIZES } from '../http/paging.ts';
