import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { inviteInput, roleInput } from './admin.schemas.ts';
import { grantRole, inviteUser, listUsers, readAuditLog, requireUser, revokeRole } from './admin.service.ts';
import { disableUser } from './auth.service.ts';
import { requirePermission } from './guard.ts';

/** The admin area's API: accounts, roles, the audit log. Every route checks its permission. */
export const adminRoutes = new Hono<AppEnv>()
  .get('/users', async (c) => {
    await requirePermission(c, 'users.list');
    c.header('Cache-Control', 'no-store');
    return c.json({ users: await listUsers(c.get('deps')) });
  })
  .post('/users', async (c) => {
    const actor = await requirePermission(c, 'users.invite');
    const input = parseOrThrow(inviteInput, await readBody(c));
    const id = await inviteUser(c.get('deps'), actor.userId, input);
    c.get('waitUntil')(deliverDueMail(c.get('deps')).catch(() => undefined));
    return c.json({ id }, 201);
  })
  .post('/users/:id/roles', async (c) => {
    const actor = await requirePermission(c, 'roles.grant');
    const input = parseOrThrow(roleInput, await readBody(c));
    await grantRole(c.get('deps'), actor.userId, c.req.param('id'), input.role, input.scope);
    return c.json({ status: 'granted' as const });
  })
  .post('/users/:id/roles/revoke', async (c) => {
    const actor = await requirePermission(c, 'roles.grant');
    const input = parseOrThrow(roleInput, await readBody(c));
    await revokeRole(c.get('deps'), actor.userId, c.req.param('id'), input.role, input.scope);
    return c.json({ status: 'revoked' as const });
  })
  .post('/users/:id/disable', async (c) => {
    const actor = await requirePermission(c, 'users.disable');
    await requireUser(c.get('deps'), c.req.param('id'));
    await disableUser(c.get('deps'), actor.userId, c.req.param('id'));
    return c.json({ status: 'disabled' as const });
  })
  .get('/audit', async (c) => {
    await requirePermission(c, 'audit.read');
    c.header('Cache-Control', 'no-store');
    return c.json({ entries: await readAuditLog(c.get('deps')) });
  });
