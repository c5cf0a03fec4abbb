import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { createTestApp } from '../testing/app.ts';
import { shapeOf, writesIn } from '../testing/counting.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';

describe('reading the session: one statement, activity written at most once a minute', () => {
  it('a signed-in GET within a minute of the last activity writes nothing; after a minute it writes once', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    const userId = await createUser(t.db, {
      email: 'jana@example.org',
      roles: [{ role: 'entrant', scope: 'edition:2027' }],
    });
    const cookie = await sessionCookie(t.db, userId, t.deps.clock());
    const list = async () => {
      t.resetTrips();
      expect((await t.request('/api/competition/entries', { headers: { cookie } })).status).toBe(200);
      return { shape: shapeOf(t.trips), writes: writesIn(t.trips), sql: t.trips.flatMap((x) => x.sql) };
    };
    // The session, the account and its roles in one statement; then the page's own read.
    const fresh = await list();
    expect(fresh.shape).toEqual(['execute', 'execute']);
    expect(fresh.writes).toBe(0);
    expect(fresh.sql[0]).toContain('json_group_array');
    t.advance(59_000);
    expect((await list()).writes).toBe(0);
    t.advance(2_000);
    const due = await list();
    expect(due.shape).toEqual(['execute', 'execute', 'execute']);
    expect(due.sql[1]).toMatch(/^update "sessions" set "last_seen_at"/);
    // Written: the next minute is quiet again.
    t.advance(30_000);
    expect((await list()).writes).toBe(0);
    const row = await t.client.execute('SELECT last_seen_at, created_at FROM sessions');
    expect(Number(row.rows[0]?.last_seen_at) - Number(row.rows[0]?.created_at)).toBe(61_000);
  });

  it('roles come with the session: an entrant-only account holds exactly its role', async () => {
    const t = await createTestApp();
    const userId = await createUser(t.db, {
      email: 'mira@example.org',
      roles: [
        { role: 'entrant', scope: 'edition:2027' },
        { role: 'juror', scope: 'edition:2026' },
      ],
    });
    const cookie = await sessionCookie(t.db, userId, t.deps.clock());
    const me = (await (await t.request('/api/auth/me', { headers: { cookie } })).json()) as { roles: unknown };
    expect(me.roles).toEqual([
      { role: 'entrant', scope: 'edition:2027' },
      { role: 'juror', scope: 'edition:2026' },
    ]);
  });
});

describe('the session id hash', () => {
  it('is the SHA-256 hex sha256Hex stores, computed synchronously in Node', async () => {
    const { sha256Hex } = await import('../crypto/tokens.ts');
    const { sessionIdHash } = await import('./sessions.ts');
    for (const cookie of ['a', 'Zm9vYmFy-_', 'čšž–cookie']) {
      const hash = sessionIdHash(cookie);
      expect(typeof hash).toBe('string');
      expect(hash).toBe(await sha256Hex(cookie));
    }
  });
});
