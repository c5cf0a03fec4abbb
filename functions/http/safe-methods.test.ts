// No GET or HEAD changes state, anywhere (RFC 9110 §9.2.1 "safe methods"): crawlers, mail
// scanners, link previews and prefetchers open URLs without anyone meaning to act. This crawl
// lists every GET route the Hono app declares (HEAD is answered by the same handlers), fills each
// parameter with REAL ids of the demo data (editions, entries, files, rounds, lunch days,
// households, users, uploads, materials), adds real signed capability queries, and opens every
// URL by GET and HEAD, signed out and as an administrator, a juror and an entrant. Before and
// after, every table's row count and checksum must be the same. The one thing a signed-in GET may
// add is a security-log record of a refusal or an export (`readAuditActions`, audit.ts); signed
// out, not even that. (The pages' side is crawled in
// tests/e2e/safe-methods.test.ts, against the Worker with the seeded database.)
import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { purposes } from '../lunches/links.ts';
import { SECRET } from '../lunches/testing.ts';
import type { MaterialsDirectory } from '../deps.ts';
import { createTestApp } from '../testing/app.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { createLunchDay, createUploadRow, createUser, insertHousehold, sessionCookie } from '../testing/factories.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** One listed file, as the site's manifest would list it. */
const library: MaterialsDirectory = {
  fileUrl: async (id, file) =>
    id === 'arriving-worksheet' && file === 'worksheet-en.pdf' ? `/materials/${id}/${file}` : undefined,
  has: async (id) => id === 'arriving-worksheet',
};

/**
 * Real values for a route parameter, by the path segment before it (`/entries/:entryId` →
 * entry ids). A new route whose parameter follows an unknown segment fails the test until its
 * values are named here.
 */
const VALUES: Record<string, string> = {
  editions: 'SELECT id FROM competition_editions ORDER BY id',
  entries: 'SELECT id FROM competition_entries ORDER BY id LIMIT 3',
  files: 'SELECT id FROM competition_entry_files ORDER BY id LIMIT 2',
  rounds: 'SELECT id FROM jury_rounds ORDER BY id',
  days: 'SELECT id FROM lunch_days ORDER BY id',
  households: 'SELECT id FROM lunch_households ORDER BY id',
  users: 'SELECT id FROM users ORDER BY id LIMIT 3',
  uploads: 'SELECT id FROM uploads ORDER BY id',
  materials: "SELECT 'arriving-worksheet' AS id",
  invitations: "SELECT 'nope' AS id",
  export: "SELECT 'csv' AS id UNION SELECT 'xlsx'",
  mail: "SELECT 'nope' AS id",
};

/** Every way to fill a route's parameters with real values (each parameter's values in turn). */
async function urlsOf(t: TestApp, path: string): Promise<string[]> {
  let urls = [''];
  for (const part of path.split('/').slice(1)) {
    const param = /^:(\w+)/.exec(part);
    if (!param) {
      urls = urls.map((u) => `${u}/${part}`);
      continue;
    }
    const before = urls[0]!.split('/').at(-1)!;
    const sql = VALUES[before];
    if (!sql) throw new Error(`${path}: name the values of :${param[1]} after /${before}/ in VALUES`);
    const values = (await t.client.execute(sql)).rows.map((r) => String(Object.values(r)[0]));
    // Where the demo data has none (entry files), an unknown id still runs the route's lookups.
    urls = urls.flatMap((u) => (values.length > 0 ? values : ['nope']).map((v) => `${u}/${encodeURIComponent(v)}`));
  }
  return urls;
}

describe('no GET or HEAD changes anything, on any API route, with real ids', async () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const t = await createTestApp(now, { materials: library });
  await insertDemoEditions(t.db, now);
  await insertDemoJury(t.db, now);
  const dayId = await createLunchDay(t.deps, { guestPlaces: 2 });
  const household = await insertHousehold(t.db, dayId, { email: 'crawl-household@example.org' });
  await insertHousehold(t.db, dayId, { email: 'crawl-pending@example.org', status: 'pending' });
  const admin = await createUser(t.db, {
    email: 'crawl-admin@example.org',
    roles: ['admin', 'coordinator', 'competition_manager'].map((role) => ({ role: role as 'admin' })),
  });
  await createUploadRow(t.db, { ownerId: admin, state: 'complete', now });
  const identities: Record<string, string> = {
    'signed out': '',
    admin: await sessionCookie(t.db, admin, now),
    juror: await sessionCookie(t.db, demoIds.jurorUser('jan'), now).catch(() => ''),
    entrant: await sessionCookie(t.db, demoIds.entrant(0), now),
  };
  // Queries a mailed or shared link carries: real signatures for each capability, and the rest.
  const queries = [
    '',
    '?file=worksheet-en.pdf&lang=en&format=csv&q=a&page=2',
    ...(await Promise.all(
      Object.values(purposes).map(
        async (p) => `?id=${household}&sig=${await signCapability(SECRET, p, household)}&lang=en`,
      ),
    )),
    `?id=no-such-pair&side=host&sig=${await signCapability(SECRET, 'lunch.pairConfirm', 'no-such-pair:host')}`,
    '?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ];
  const routes = [...new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))].filter(
    (p) => p.startsWith('/api/') || p.startsWith('/dev/'),
  );

  it('finds the GET routes of every domain', () => {
    expect(routes.length).toBeGreaterThanOrEqual(45);
    for (const domain of ['auth', 'admin', 'materials', 'uploads', 'competition', 'lunches', 'jury', 'subscriptions'])
      expect([domain, routes.some((r) => r.startsWith(`/api/${domain}`))]).toEqual([domain, true]);
  });

  it('leaves every table byte-identical (row counts and checksums)', async () => {
    let requests = 0;
    const failures: string[] = [];
    for (const route of routes) {
      for (const [who, cookie] of Object.entries(identities)) {
        for (const method of ['GET', 'HEAD']) {
          // Signed in, a refusal or an export may be logged; signed out, nothing at all may be written.
          const readAudits = who === 'signed out';
          const before = await fingerprint(t, { readAudits });
          for (const url of await urlsOf(t, route)) {
            for (const query of queries) {
              await t.request(`${url}${query}`, { method, headers: cookie ? { cookie } : {} });
              requests += 1;
            }
          }
          // Checked per route, visitor and method: the failure names all three.
          const after = await fingerprint(t, { readAudits });
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length > 0) failures.push(`${method} ${route} (${who}) changed ${changed.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  }, 300_000);
});
