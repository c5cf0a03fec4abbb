import { Hono } from 'hono';
import type { z } from 'zod';
import { accepts, acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverSoon } from '../mail/outbox.service.ts';
import { grantInput, inviteInput, roleInput, usersQuery, type GrantBody, type UsersQuery } from './admin.schemas.ts';
import { grantRole, inviteUser, listUsers, readAuditLog, readUser, requireUser, revokeRole } from './admin.service.ts';
import { disableUser } from './auth.service.ts';
import { requirePermission } from './guard.ts';

/** A form's fields, as the admin page posts them (strings; the schema checks them). */
type FormOf<S extends z.ZodObject> = { [K in keyof z.input<S>]?: string };

/** The admin area's API: accounts, roles, the audit log. Every route checks its permission. */
export const adminRoutes = new Hono<AppEnv>()
  .get('/users', acceptsQuery<UsersQuery>(), async (c) => {
    await requirePermission(c, 'users.list');
    c.header('Cache-Control', 'no-store');
    return c.json(await listUsers(c.get('deps'), usersQuery.parse(c.req.query())));
  })
  .get('/users/:id', async (c) => {
    await requirePermission(c, 'users.list');
    c.header('Cache-Control', 'no-store');
    return c.json(await readUser(c.get('deps'), c.req.param('id')));
  })
  .post('/users', accepts<FormOf<typeof inviteInput>>(), async (c) => {
    const actor = await requirePermission(c, 'users.invite');
    const input = parseOrThrow(inviteInput, await readBody(c));
    const id = await inviteUser(c.get('deps'), actor.userId, input);
    c.get('waitUntil')(deliverSoon(c.get('deps'))); // coalesced, as the sign-in mail
    return c.json({ id }, 201);
  })
  // Giving a role; `admin` only with `confirm` (422 `role.confirmAdmin` on the field `confirm`).
  .post('/users/:id/roles', accepts<GrantBody>(), async (c) => {
    const actor = await requirePermission(c, 'roles.grant');
    const input = parseOrThrow(grantInput, await readBody(c));
    await grantRole(c.get('deps'), actor.userId, c.req.param('id'), input.role, input.scope);
    return c.json({ status: 'granted' as const }, 200);
  })
  .post('/users/:id/roles/revoke', accepts<FormOf<typeof roleInput>>(), async (c) => {
    const actor = await requirePermission(c, 'roles.grant');
    const input = parseOrThrow(roleInput, await readBody(c));
    await revokeRole(c.get('deps'), actor.userId, c.req.param('id'), input.role, input.scope);
    return c.json({ status: 'revoked' as const }, 200);
  })
  .post('/users/:id/disable', async (c) => {
    const actor = await requirePermission(c, 'users.disable');
    await requireUser(c.get('deps'), c.req.param('id'));
    await disableUser(c.get('deps'), actor.userId, c.req.param('id'));
    return c.json({ status: 'disabled' as const }, 200);
  })
  .get('/audit', async (c) => {
    await requirePermission(c, 'audit.read');
    c.header('Cache-Control', 'no-store');
    return c.json({ entries: await readAuditLog(c.get('deps')) });
  });
