import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { shapeOf, writesIn } from '../testing/counting.ts';
import { sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

const base = `/api/jury/editions/2026/rounds/${demoIds.round}`;
const scores = { accuracy: 4, balance: 5, language: 3, originality: 'abstain', craft: 4 };

// What a score save costs the database (bench/api.bench.ts measures the time).
describe('a score save: one read batch, one write batch; a later save one batch', () => {
  it('batch(session, juror, entry) + batch(guarded hit, review RETURNING, audit); the second save one batch', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    await insertDemoJury(t.db, t.deps.clock());
    const cookie = await sessionCookie(t.db, demoIds.jurorUser('oleksandr'), t.deps.clock());
    const entry = demoIds.entry(1);
    for (const version of [0, 1]) {
      t.resetTrips();
      const saved = await t.request(`${base}/entries/${entry}/review`, postJson({ version, scores }, { cookie }));
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as { review: { version: number } }).review.version).toBe(version + 1);
      // The second save: the guarded update, the hit, the audit row (reviews.one-trip.test.ts).
      expect(shapeOf(t.trips)).toEqual(version === 0 ? ['batch(3)', 'batch(3)'] : ['batch(3)']);
      expect(writesIn(t.trips)).toBe(3);
    }
    const audit = await t.client.execute(
      "SELECT details FROM audit_log WHERE action = 'jury.review.saved' ORDER BY rowid",
    );
    expect(audit.rows.map((r) => JSON.parse(String(r.details)))).toEqual([
      { version: 1, state: 'draft' },
      { version: 2, state: 'draft' },
    ]);
    const limit = await t.client.execute("SELECT count FROM rate_limits WHERE key LIKE 'jury:save:%'");
    expect(limit.rows.map((r) => r.count)).toEqual([2]);
  });

  it('a juror past the save limit gets 429 from the guard in the write batch, and nothing is written', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    await insertDemoJury(t.db, t.deps.clock());
    const cookie = await sessionCookie(t.db, demoIds.jurorUser('oleksandr'), t.deps.clock());
    await t.client.execute({
      sql: 'INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 600)',
      args: [`jury:save:${demoIds.jurorUser('oleksandr')}:2026`, t.deps.clock().getTime()],
    });
    t.resetTrips();
    const refused = await t.request(
      `${base}/entries/${demoIds.entry(1)}/review`,
      postJson({ version: 0, scores }, { cookie }),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    expect(shapeOf(t.trips)).toEqual(['batch(3)', 'batch(3)']);
    expect(
      (await t.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'jury.review.saved'")).rows[0]?.n,
    ).toBe(0);
    expect((await t.client.execute('SELECT count(*) AS n FROM jury_reviews')).rows[0]?.n).toBe(0);
  });
});
