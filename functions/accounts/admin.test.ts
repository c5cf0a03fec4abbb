import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';

async function setup() {
  const t = await createTestApp();
  await createUser(t.db, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
  const jurorId = await createUser(t.db, {
    email: 'juror@example.org',
    roles: [{ role: 'juror', scope: 'edition:2027' }],
  });
  return { t, jurorId, admin: await signedIn(t, 'admin@example.org'), juror: await signedIn(t, 'juror@example.org') };
}

describe('the admin API', () => {
  it('refuses anyone but an admin on every route, and logs each refusal', async () => {
    const { t, jurorId, juror } = await setup();
    const routes: [string, RequestInit][] = [
      ['/api/admin/users', {}],
      ['/api/admin/users', postJson({ email: 'x@example.org' })],
      [`/api/admin/users/${jurorId}/roles`, postJson({ role: 'admin' })],
      [`/api/admin/users/${jurorId}/roles/revoke`, postJson({ role: 'juror', scope: 'edition:2027' })],
      [`/api/admin/users/${jurorId}/disable`, postJson({})],
      ['/api/admin/audit', {}],
    ];
    for (const [path, init] of routes) {
      const anonymous = await t.request(path, init);
      expect([path, anonymous.status]).toEqual([path, 401]);
      const asJuror = await t.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...juror.header(), 'accept-language': 'en' },
      });
      expect([path, asJuror.status]).toEqual([path, 403]);
      expect(await asJuror.json()).toMatchObject({
        code: 'auth.forbidden',
        message: 'You do not have permission to do this.',
      });
    }
    const denied = await t.client.execute(
      "SELECT details FROM audit_log WHERE action = 'permission.denied' ORDER BY at",
    );
    expect(denied.rows.map((r) => JSON.parse(String(r.details)).action)).toEqual([
      'users.list',
      'users.invite',
      'roles.grant',
      'roles.grant',
      'users.disable',
      'audit.read',
    ]);
    expect((await t.client.execute("SELECT count(*) AS n FROM role_assignments WHERE role = 'admin'")).rows[0]?.n).toBe(
      1,
    );
  });

  it('invites a person with a first role and mails them how to sign in', async () => {
    const { t, admin } = await setup();
    const invited = await t.request(
      '/api/admin/users',
      postJson({ email: 'New.Juror@Example.org', locale: 'uk', role: 'juror', scope: 'edition:2027' }, admin.header()),
    );
    expect(invited.status).toBe(201);
    const list = (await (await t.request('/api/admin/users', { headers: admin.header() })).json()) as {
      users: { email: string; roles: unknown[] }[];
    };
    expect(list.users.find((u) => u.email === 'new.juror@example.org')?.roles).toEqual([
      { role: 'juror', scope: 'edition:2027' },
    ]);
    const mail = (await t.mailbox.list()).find((m) => m.to === 'new.juror@example.org');
    expect(await t.mailbox.read(mail!.key)).toContain('/uk/account/sign-in/');

    const bad = await t.request(
      '/api/admin/users',
      postJson({ email: 'nope', role: 'king', scope: 'x' }, { ...admin.header(), 'accept-language': 'en' }),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: unknown[] }).fields).toEqual([
      {
        field: 'email',
        code: 'email.invalid',
        message: 'Enter an email address in the correct format, like name@example.com',
      },
      { field: 'role', code: 'role.invalid', message: 'Choose a role from the list' },
      { field: 'scope', code: 'role.invalid', message: 'Choose a role from the list' },
    ]);
  });

  it('grants and revokes roles, disables an account (ending its sessions), and shows it all in the audit log', async () => {
    const { t, jurorId, admin, juror } = await setup();
    expect(
      (await t.request(`/api/admin/users/${jurorId}/roles`, postJson({ role: 'coordinator' }, admin.header()))).status,
    ).toBe(200);
    expect(
      (
        await t.request(
          `/api/admin/users/${jurorId}/roles/revoke`,
          postJson({ role: 'juror', scope: 'edition:2027' }, admin.header()),
        )
      ).status,
    ).toBe(200);
    const me = (await (await t.request('/api/auth/me', { headers: juror.header() })).json()) as { roles: unknown[] };
    expect(me.roles).toEqual([{ role: 'coordinator', scope: '' }]);

    expect((await t.request('/api/admin/users/no-such-id/disable', postJson({}, admin.header()))).status).toBe(404);
    expect((await t.request(`/api/admin/users/${jurorId}/disable`, postJson({}, admin.header()))).status).toBe(200);
    expect((await t.request('/api/auth/me', { headers: juror.header() })).status).toBe(401);

    const audit = (await (await t.request('/api/admin/audit', { headers: admin.header() })).json()) as {
      entries: { action: string }[];
    };
    expect(audit.entries.slice(0, 3).map((e) => e.action)).toEqual(['user.disabled', 'role.revoked', 'role.granted']);
  });
});
