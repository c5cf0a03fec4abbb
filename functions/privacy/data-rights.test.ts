import { describe, expect, it } from 'vitest';
import { passkeys } from '../db/schema/index.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';

describe('S19 data-subject export and erasure (account part)', () => {
  it('exports every record of the person as a JSON download', async () => {
    const t = await createTestApp();
    const id = await createUser(t.db, {
      email: 'olena@example.org',
      roles: [{ role: 'juror', scope: 'edition:2027' }],
    });
    await t.request('/api/subscriptions', postJson({ email: 'olena@example.org', lang: 'uk' }));
    const jar = await signedIn(t, 'olena@example.org');
    await t.db.insert(passkeys).values({
      id: 'cred-1',
      userId: id,
      publicKey: 'secret-public-key',
      counter: 3,
      backedUp: true,
      name: 'Phone',
      createdAt: t.deps.clock(),
    });

    const response = await t.request('/api/auth/me/export', { headers: jar.header() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="spotlight-my-data.json"');
    const data = (await response.json()) as Record<string, unknown[] | Record<string, unknown>>;
    expect(data.account).toMatchObject({ id, email: 'olena@example.org' });
    expect(data.roles).toMatchObject([{ role: 'juror', scope: 'edition:2027' }]);
    expect(data.sessions).toHaveLength(1);
    expect(data.passkeys).toEqual([
      { name: 'Phone', backedUp: true, createdAt: '2026-11-23T10:00:00.000Z', lastUsedAt: null },
    ]);
    expect(data.newsletter).toMatchObject([{ email: 'olena@example.org', status: 'pending' }]);
    expect((data.mails as { kind: string }[]).map((m) => m.kind).sort()).toEqual(['auth.login', 'newsletter.confirm']);
    expect((data.auditLog as { action: string }[]).map((a) => a.action)).toEqual([
      'auth.login.requested',
      'auth.login.succeeded',
    ]);
    expect(JSON.stringify(data)).not.toMatch(/id_hash|idHash|token|secret-public-key/i);
  });

  it('erases the account and pseudonymises the audit log, in one go', async () => {
    const t = await createTestApp();
    const id = await createUser(t.db, { email: 'gone@example.org', roles: [{ role: 'entrant' }] });
    await t.request('/api/subscriptions', postJson({ email: 'gone@example.org', lang: 'en' }));
    const jar = await signedIn(t, 'gone@example.org');
    await t.db.insert(passkeys).values({
      id: 'cred-1',
      userId: id,
      publicKey: 'pk',
      counter: 3,
      backedUp: true,
      name: 'Phone',
      createdAt: t.deps.clock(),
    });

    const erased = await t.request('/api/auth/me/erase', postJson({}, jar.header()));
    expect(await erased.json()).toEqual({ status: 'erased' });
    expect(erased.headers.getSetCookie().some((c) => c.startsWith('__Host-spotlight-session=;'))).toBe(true);

    for (const table of [
      'users',
      'role_assignments',
      'sessions',
      'login_tokens',
      'subscriptions',
      'outbox',
      'passkeys',
    ]) {
      const left = await t.client.execute(`SELECT count(*) AS n FROM ${table}`);
      expect([table, Number(left.rows[0]?.n)]).toEqual([table, 0]);
    }
    const log = await t.client.execute('SELECT actor_id, object_id, action, details FROM audit_log');
    expect(JSON.stringify(log.rows)).not.toContain(id);
    expect(JSON.stringify(log.rows)).not.toContain('gone@example.org');
    expect(log.rows.map((r) => r.action)).toContain('user.erased');
    expect(new Set(log.rows.map((r) => String(r.actor_id)).filter((a) => a !== 'null'))).toEqual(
      new Set([expect.stringMatching(/^erased:[0-9a-f]{16}$/)]),
    );
    expect((await t.request('/api/auth/me', { headers: jar.header() })).status).toBe(401);
  });
});
