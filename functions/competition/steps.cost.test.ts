import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { shapeOf, writesIn } from '../testing/counting.ts';
import { completeEntrySteps, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { insertDemoEditions } from './demo-edition.ts';

// What an entry step costs the database (bench/api.bench.ts measures the time): the session read
// in the batch of reads, then one batch that writes — two round trips, one write transaction per save.
describe('an entry step: one read batch, one write batch', () => {
  async function draft() {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    await createUser(t.db, { email: 'jana@example.org' });
    const jar = await signedIn(t, 'jana@example.org');
    const created = await t.request('/api/competition/editions/2027/entries', postJson({}, jar.header()));
    const { id } = (await created.json()) as { id: string };
    return { t, jar, id };
  }

  it('saving a draft step: batch(session + entry, edition, categories) + batch(2 guarded hits, the update)', async () => {
    const { t, jar, id } = await draft();
    t.resetTrips();
    const saved = await t.request(
      `/api/competition/entries/${id}/steps/work`,
      postJson(completeEntrySteps(t.deps.clock()).work, jar.header()),
    );
    expect(saved.status).toBe(200);
    expect(shapeOf(t.trips)).toEqual(['batch(4)', 'batch(3)']);
    expect(t.trips[0]?.sql[0]).toContain('json_group_array');
    expect(writesIn(t.trips)).toBe(3);
    expect(t.trips[1]?.sql.at(-1)).toMatch(/^update "competition_entries"/);
    const row = await t.client.execute({ sql: 'SELECT title FROM competition_entries WHERE id = ?', args: [id] });
    expect(row.rows[0]?.title).toBe('Cudzinecká polícia zblízka');
    const counts = await t.client.execute(
      "SELECT key, count FROM rate_limits WHERE key LIKE 'competition:%' ORDER BY key",
    );
    // The draft's creation and this step, per account and per client address.
    expect(counts.rows.map((r) => [String(r.key).split(':')[1], r.count])).toEqual([
      ['ip', 2],
      ['user', 2],
    ]);
  });

  it('a refused step writes only its hits (one batch), and answers in the one error shape', async () => {
    const { t, jar, id } = await draft();
    t.resetTrips();
    const refused = await t.request(
      `/api/competition/entries/${id}/steps/work`,
      postJson({ ...completeEntrySteps(t.deps.clock()).work, categoryId: '2026-written' }, jar.header()),
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'validation.failed',
      fields: [{ field: 'categoryId', code: 'competition.category' }],
    });
    // The hits' upserts return the counts: no read of the counters after them.
    expect(shapeOf(t.trips)).toEqual(['batch(4)', 'batch(2)']);
    const row = await t.client.execute({ sql: 'SELECT title FROM competition_entries WHERE id = ?', args: [id] });
    expect(row.rows[0]?.title).toBe('');
  });

  it("someone else's entry answers 404 and is not written (S07)", async () => {
    const { t, id } = await draft();
    await createUser(t.db, { email: 'petra@example.org' });
    const other = await signedIn(t, 'petra@example.org');
    const response = await t.request(
      `/api/competition/entries/${id}/steps/work`,
      postJson(completeEntrySteps(t.deps.clock(), 'Not mine').work, other.header()),
    );
    expect(response.status).toBe(404);
    const row = await t.client.execute({ sql: 'SELECT title FROM competition_entries WHERE id = ?', args: [id] });
    expect(row.rows[0]?.title).toBe('');
  });
});
