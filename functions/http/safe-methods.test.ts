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
import { fillRoute } from '../testing/crawl.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { createLunchDay, createUploadRow, createUser, insertHousehold, sessionCookie } from '../testing/factories.ts';

/** One listed file, as the site's manifest would list it. */
const library: MaterialsDirectory = {
  fileUrl: async (id, file) =>
    id === 'arriving-worksheet' && file === 'worksheet-en.pdf' ? `/materials/${id}/${file}` : undefined,
  has: async (id) => id === 'arriving-worksheet',
};

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
          const before = await fingerprint(t.client, { readAudits });
          for (const url of await fillRoute(t.client, route)) {
            for (const query of queries) {
              await t.request(`${url}${query}`, { method, headers: cookie ? { cookie } : {} });
              requests += 1;
            }
          }
          // Checked per route, visitor and method: the failure names all three.
          const after = await fingerprint(t.client, { readAudits });
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length > 0) failures.push(`${method} ${route} (${who}) changed ${changed.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  }, 300_000);
});
