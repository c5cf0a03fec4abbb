import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
type Listing = { users: { email: string; roles: { role: string; scope: string }[] }[]; page: Record<string, number> };

/** An admin and 30 more accounts: person-01 … person-30, every third a juror of 2027, person-05 a coordinator. */
async function setup() {
  const t = await createTestApp();
  await createUser(t.db, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
  const ids: string[] = [];
  for (let n = 1; n <= 30; n++) {
    const email = `person-${String(n).padStart(2, '0')}@example.org`;
    const roles = [
      ...(n % 3 === 0 ? [{ role: 'juror' as const, scope: 'edition:2027' }] : []),
      ...(n === 5 ? [{ role: 'coordinator' as const }] : []),
    ];
    ids.push(await createUser(t.db, { email, roles }));
  }
  await createUser(t.db, { email: 'juror-only@example.org', roles: [{ role: 'juror', scope: 'edition:2027' }] });
  return { t, ids, admin: await signedIn(t, 'admin@example.org') };
}

const list = async (t: T, jar: { header(): Record<string, string> }, query = '') => {
  const response = await t.request(`/api/admin/users${query}`, { headers: jar.header() });
  expect(response.status).toBe(200);
  const body = (await response.json()) as Listing;
  return { page: body.page, emails: body.users.map((u) => u.email) };
};

describe('the accounts list and a person page (node, libSQL)', () => {
  it('pages accounts by address, 25 by default', async () => {
    const { t, admin } = await setup();
    const first = await list(t, admin);
    expect(first.page).toEqual({ page: 1, size: 25, total: 32, pages: 2 });
    expect(first.emails.slice(0, 3)).toEqual(['admin@example.org', 'juror-only@example.org', 'person-01@example.org']);
    const second = await list(t, admin, '?page=2');
    expect(second.emails).toEqual([
      'person-24@example.org',
      'person-25@example.org',
      'person-26@example.org',
      'person-27@example.org',
      'person-28@example.org',
      'person-29@example.org',
      'person-30@example.org',
    ]);
    expect((await list(t, admin, '?size=10&page=9')).page).toEqual({ page: 4, size: 10, total: 32, pages: 4 });
    expect((await list(t, admin, '?size=abc&page=x')).page).toEqual({ page: 1, size: 25, total: 32, pages: 2 });
  });

  it('searches the address (any case) and filters by a role held in any scope, with paging', async () => {
    const { t, admin } = await setup();
    expect(await list(t, admin, '?q=PERSON-1')).toEqual({
      page: { page: 1, size: 25, total: 10, pages: 1 },
      emails: Array.from({ length: 10 }, (_, i) => `person-${10 + i}@example.org`),
    });
    const jurors = await list(t, admin, '?role=juror');
    expect(jurors.page.total).toBe(11);
    expect(jurors.emails).toEqual([
      'juror-only@example.org',
      ...[3, 6, 9, 12, 15, 18, 21, 24, 27, 30].map((n) => `person-${String(n).padStart(2, '0')}@example.org`),
    ]);
    expect(await list(t, admin, '?role=juror&q=person-1&size=10')).toEqual({
      page: { page: 1, size: 10, total: 3, pages: 1 },
      emails: ['person-12@example.org', 'person-15@example.org', 'person-18@example.org'],
    });
    expect((await list(t, admin, '?role=coordinator')).emails).toEqual(['person-05@example.org']);
    expect((await list(t, admin, '?role=admin')).emails).toEqual(['admin@example.org']);
    // An unknown role filters nothing; `%` and `_` are taken literally.
    expect((await list(t, admin, '?role=emperor')).page.total).toBe(32);
    expect((await list(t, admin, '?q=%25')).page.total).toBe(0);
    expect((await list(t, admin, '?q=person_0')).page.total).toBe(0);
    const roles = (await (
      await t.request('/api/admin/users?q=person-05', { headers: admin.header() })
    ).json()) as Listing;
    expect(roles.users[0]!.roles).toEqual([{ role: 'coordinator', scope: '' }]);
  });

  it("gives a role only when one is chosen, admin only when confirmed, and shows it in the person's history", async () => {
    const { t, ids, admin } = await setup();
    const person = ids[0]!;
    const grant = (body: unknown) =>
      t.request(`/api/admin/users/${person}/roles`, postJson(body, { ...admin.header(), 'accept-language': 'en' }));
    const none = await grant({ role: '', scope: '' });
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ fields: [{ field: 'role', code: 'role.invalid' }] });
    const unconfirmed = await grant({ role: 'admin', scope: '' });
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.json()).toMatchObject({
      code: 'validation.failed',
      fields: [
        {
          field: 'confirm',
          code: 'role.confirmAdmin',
          message: 'Confirm that you are making this person an administrator',
        },
      ],
    });
    expect((await grant({ role: 'admin', scope: '', confirm: '' })).status).toBe(422);
    expect((await grant({ role: 'juror', scope: 'edition:2027' })).status).toBe(200);
    t.advance(60_000);
    expect((await grant({ role: 'admin', scope: '', confirm: 'on' })).status).toBe(200);
    const page = await t.request(`/api/admin/users/${person}`, { headers: admin.header() });
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      user: { email: string; status: string; locale: string };
      roles: { role: string; scope: string }[];
      history: { action: string; actorEmail: string | null; details: Record<string, string> }[];
    };
    expect(body.user).toMatchObject({ email: 'person-01@example.org', status: 'active', locale: 'en' });
    expect(body.roles.map((r) => [r.role, r.scope])).toEqual([
      ['admin', ''],
      ['juror', 'edition:2027'],
    ]);
    expect(body.history.map((h) => [h.action, h.actorEmail, h.details])).toEqual([
      ['role.granted', 'admin@example.org', { role: 'admin', scope: '' }],
      ['role.granted', 'admin@example.org', { role: 'juror', scope: 'edition:2027' }],
    ]);
  });

  it('refuses admin as an invitation role, and the person page to anyone but an admin', async () => {
    const { t, ids, admin } = await setup();
    const invited = await t.request(
      '/api/admin/users',
      postJson({ email: 'new@example.org', role: 'admin' }, { ...admin.header(), 'accept-language': 'en' }),
    );
    expect(invited.status).toBe(422);
    expect(await invited.json()).toMatchObject({ fields: [{ field: 'role', code: 'role.invalid' }] });
    expect((await t.request(`/api/admin/users/${ids[0]}`)).status).toBe(401);
    const juror = await signedIn(t, 'juror-only@example.org');
    expect((await t.request(`/api/admin/users/${ids[0]}`, { headers: juror.header() })).status).toBe(403);
    expect((await t.request('/api/admin/users/no-such-person', { headers: admin.header() })).status).toBe(404);
  });
});
