// S22 for people's choice, ahead of the portal-wide crawl (functions/http/safe-methods.test.ts on the
// journeys-phone branch, which lists every GET route and fills `/editions/:edition` with real ids):
// every GET route of /api/votes, with real editions and a real, unused vote link, opened by GET and
// HEAD signed out and as the edition's manager, leaves every table exactly as it was.
import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { insertDemoJury, demoIds } from '../jury/demo-jury.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { insertDemoVotes } from './demo-votes.ts';

describe("S22 no GET or HEAD of a people's-choice route changes anything", () => {
  it('with real ids and a real vote link, signed out and as a manager', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const t = await createTestApp(now);
    await insertDemoEditions(t.db, now);
    await insertDemoJury(t.db, now);
    await insertDemoVotes(t.db, now);
    const manager = await createUser(t.db, {
      email: 'm@example.org',
      roles: [{ role: 'competition_manager', scope: '' }],
    });
    const cookie = await sessionCookie(t.db, manager, now);
    await t.request(
      '/api/votes/editions/2026/links',
      postJson({ email: 'scanner@example.org', entryId: demoIds.entry(0), lang: 'en' }),
    );
    const mail = (await t.client.execute("SELECT body_text FROM outbox WHERE kind = 'votes.link'")).rows[0]!;
    const token = /token=([\w-]+)/.exec(String(mail.body_text))![1]!;

    const snapshot = async () => {
      const tables = await t.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      const out: Record<string, string> = {};
      for (const row of tables.rows) {
        const name = String(row.name);
        out[name] = JSON.stringify((await t.client.execute(`SELECT * FROM "${name}"`)).rows);
      }
      return out;
    };
    const routes = [
      ...new Set(t.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/votes')).map((r) => r.path)),
    ];
    expect(routes.sort()).toEqual([
      '/api/votes/editions/:edition',
      '/api/votes/editions/:edition/results',
      '/api/votes/links',
      '/api/votes/manage/editions/:edition',
    ]);
    const before = await snapshot();
    let requests = 0;
    for (const route of routes) {
      for (const edition of ['2026', '2027', 'nope']) {
        for (const query of ['', `?token=${token}`, '?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '?token=']) {
          for (const headers of [{}, { cookie }] as Record<string, string>[]) {
            for (const method of ['GET', 'HEAD']) {
              const response = await t.request(`${route.replace(':edition', edition)}${query}`, { method, headers });
              expect(response.status).toBeLessThan(500);
              requests += 1;
            }
          }
        }
      }
    }
    // 4 routes × 3 editions × 4 queries × GET and HEAD × signed out and as a manager.
    expect(requests).toBe(192);
    expect(await snapshot()).toEqual(before);
  });
});
