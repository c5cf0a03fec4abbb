import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { shapeOf } from '../testing/counting.ts';
import { sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

const base = `/api/jury/editions/2026/rounds/${demoIds.round}`;
const scores = { accuracy: 4, balance: 5, language: 3, originality: 'abstain', craft: 4 };
const juror = demoIds.jurorUser('oleksandr');
const entry = demoIds.entry(1);

// The score save's fast path (reviews.service.ts saveReview): once this isolate saved a review in a
// session, the next save is ONE batch whose update is guarded in SQL by everything the slow path
// checks. Whatever changed since is answered as the slow path answers it, and nothing is written
// that the slow path would not write (S11: of two saves of one version exactly one is stored).
describe('a score save after the first: one batch, guarded in SQL', () => {
  async function saved() {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    await insertDemoJury(t.db, t.deps.clock());
    const cookie = await sessionCookie(t.db, juror, t.deps.clock());
    const save = (body: Record<string, unknown>) =>
      t.request(`${base}/entries/${entry}/review`, postJson({ scores, ...body }, { cookie }));
    expect((await save({ version: 0 })).status).toBe(200); // the slow path: the isolate learns what it checked
    const stored = async () =>
      (
        await t.client.execute({
          sql: 'SELECT version, state, comment_for_jury AS c FROM jury_reviews WHERE entry_id = ? AND juror_id = (SELECT id FROM jury_jurors WHERE user_id = ?)',
          args: [entry, juror],
        })
      ).rows.map((r) => [r.version, r.state, r.c]);
    const audits = async () =>
      (await t.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'jury.review.saved'")).rows[0]?.n;
    return { t, save, stored, audits };
  }

  it('the second save is one batch and stores the next version, audited once', async () => {
    const { t, save, stored, audits } = await saved();
    t.resetTrips();
    const response = await save({ version: 1, commentForJury: 'Second' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { review: { version: number } }).review.version).toBe(2);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
    expect(await stored()).toEqual([[2, 'draft', 'Second']]);
    expect(await audits()).toBe(2);
    t.resetTrips();
    expect((await save({ version: 2, commentForJury: 'Third' })).status).toBe(200);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
  });

  it('S11: the same version saved twice: the second is a 409 with the current review, nothing overwritten', async () => {
    const { save, stored } = await saved();
    const [a, b] = await Promise.all([
      save({ version: 1, commentForJury: 'A' }),
      save({ version: 1, commentForJury: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'A' : 'B';
    expect(await stored()).toEqual([[2, 'draft', winner]]);
  });

  it('after the round closed: 409 jury.roundClosed, nothing written', async () => {
    const { t, save, stored, audits } = await saved();
    await t.client.execute({
      sql: 'UPDATE jury_rounds SET closes_at = ? WHERE id = ?',
      args: [t.deps.clock().getTime(), demoIds.round],
    });
    const refused = await save({ version: 1, commentForJury: 'Late' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'jury.roundClosed' });
    expect(await stored()).toEqual([[1, 'draft', '']]);
    expect(await audits()).toBe(1);
  });

  it('a conflict recorded since: 404, nothing written', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute({
      sql: "INSERT INTO jury_entry_conflicts (id, juror_id, entry_id, source, created_at) SELECT ?, id, ?, 'manager', ? FROM jury_jurors WHERE user_id = ?",
      args: [crypto.randomUUID(), entry, t.deps.clock().getTime(), juror],
    });
    const refused = await save({ version: 1, commentForJury: 'Conflicted' });
    expect(refused.status).toBe(404);
    expect(await stored()).toEqual([[1, 'draft', '']]);
  });

  it('an employer declared since that is the entry’s outlet (a conflict by the juror’s own data): 404, nothing written', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute({
      sql: 'UPDATE jury_jurors SET employer = (SELECT outlet FROM competition_entries WHERE id = ?) WHERE user_id = ?',
      args: [entry, juror],
    });
    const refused = await save({ version: 1, commentForJury: 'Own outlet' });
    expect(refused.status).toBe(404);
    expect(await stored()).toEqual([[1, 'draft', '']]);
  });

  it('a refused fast save forgets what it remembered: the next save reads first, not another refused batch', async () => {
    const { t, save } = await saved();
    await t.client.execute({ sql: "DELETE FROM role_assignments WHERE user_id = ? AND role = 'juror'", args: [juror] });
    expect((await save({ version: 1, commentForJury: 'No role' })).status).toBe(403);
    t.resetTrips();
    expect((await save({ version: 1, commentForJury: 'Still no role' })).status).toBe(403);
    // The reads (a batch of three), then the refusal's audit row: no refused write batch before them.
    expect(shapeOf(t.trips)).toEqual(['batch(3)', 'batch(1)']);
    expect(t.trips[0]?.sql[0]).toMatch(/^select "users"/);
  });

  it('the jury role taken away: 403, nothing written', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute({ sql: "DELETE FROM role_assignments WHERE user_id = ? AND role = 'juror'", args: [juror] });
    const refused = await save({ version: 1, commentForJury: 'No role' });
    expect(refused.status).toBe(403);
    expect(await stored()).toEqual([[1, 'draft', '']]);
  });

  it('after sign-out: 401, nothing written', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute('UPDATE sessions SET revoked_at = 1');
    const refused = await save({ version: 1, commentForJury: 'Signed out' });
    expect(refused.status).toBe(401);
    expect(await stored()).toEqual([[1, 'draft', '']]);
  });

  it('a rubric changed since: a score off the new scale is 422, nothing written', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute(
      "UPDATE jury_rubrics SET criteria = json_replace(criteria, '$[0].max', 3) WHERE criteria LIKE '%accuracy%'",
    );
    t.resetTrips();
    const refused = await save({ version: 1, scores: { ...scores, accuracy: 4 }, commentForJury: 'Off scale' });
    expect(refused.status).toBe(422);
    expect(shapeOf(t.trips)[0]).toBe('batch(3)');
    expect(await stored()).toEqual([[1, 'draft', '']]);
  });

  it('over the save limit: 429, nothing written, nothing more counted', async () => {
    const { t, save, stored } = await saved();
    await t.client.execute("UPDATE rate_limits SET count = 600 WHERE key LIKE 'jury:save:%'");
    t.resetTrips();
    const refused = await save({ version: 1, commentForJury: 'Too many' });
    expect(refused.status).toBe(429);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
    expect(await stored()).toEqual([[1, 'draft', '']]);
    const count = await t.client.execute("SELECT count FROM rate_limits WHERE key LIKE 'jury:save:%'");
    expect(count.rows.map((r) => r.count)).toEqual([600]);
  });
});
