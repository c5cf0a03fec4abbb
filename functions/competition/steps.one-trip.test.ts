import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { shapeOf, writesIn } from '../testing/counting.ts';
import { completeEntrySteps, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { insertDemoEditions } from './demo-edition.ts';

// The entry step's fast path (entries.service.ts saveStep): once this isolate saved an entry in a
// session, the next save is ONE batch — the update guarded in SQL, the two counters
// (each counting only when the statement before it changed a row). Whatever the guard refuses is
// answered as on the slow path, and nothing is written that the slow path would not write.
describe('an entry step after the first: one batch, guarded in SQL', () => {
  async function saved() {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    await createUser(t.db, { email: 'jana@example.org' });
    const jar = await signedIn(t, 'jana@example.org');
    const created = await t.request('/api/competition/editions/2027/entries', postJson({}, jar.header()));
    const { id } = (await created.json()) as { id: string };
    const step = (body: Record<string, unknown>, headers = jar.header()) =>
      t.request(`/api/competition/entries/${id}/steps/work`, postJson(body, headers));
    const work = completeEntrySteps(t.deps.clock()).work;
    expect((await step(work)).status).toBe(200); // the slow path: the isolate learns the session's user
    const title = async () =>
      (await t.client.execute({ sql: 'SELECT title FROM competition_entries WHERE id = ?', args: [id] })).rows[0]
        ?.title;
    const counts = async () =>
      (
        await t.client.execute("SELECT key, count FROM rate_limits WHERE key LIKE 'competition:%' ORDER BY key")
      ).rows.map((r) => [String(r.key).split(':')[1], r.count]);
    return { t, jar, id, step, work, title, counts };
  }

  it('the second save is one batch: the guarded update, 2 counted hits', async () => {
    const { t, step, work, title, counts } = await saved();
    t.resetTrips();
    const response = await step({ ...work, title: 'Second title' });
    expect(response.status).toBe(200);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
    expect(writesIn(t.trips)).toBe(3);
    expect(t.trips[0]?.sql[0]).toMatch(/^update "competition_entries"/);
    expect(await title()).toBe('Second title');
    // The draft's creation and two steps, per account and per client address.
    expect(await counts()).toEqual([
      ['ip', 3],
      ['user', 3],
    ]);
  });

  it('an entry submitted since: the guard (a draft only) refuses, the slow path answers for a submitted entry', async () => {
    const { t, id, step, work, title } = await saved();
    await t.client.execute({ sql: "UPDATE competition_entries SET status = 'submitted' WHERE id = ?", args: [id] });
    t.resetTrips();
    const answer = await step({ ...work, title: '' });
    const body = (await answer.json()) as { code: string; fields: { field: string }[] };
    // The one batch (refused: no longer a draft), then the slow path's reads: eligibility re-checked.
    expect([answer.status, body.code, body.fields[0]?.field, shapeOf(t.trips).slice(0, 2)]).toEqual([
      422,
      'competition.notEligible',
      'title',
      ['batch(3)', 'batch(4)'],
    ]);
    expect(await title()).toBe(work.title);
  });

  it('a category of another edition: 422, nothing written, the hits counted as on the slow path', async () => {
    const { t, step, work, title, counts } = await saved();
    t.resetTrips();
    const refused = await step({ ...work, title: 'Not this', categoryId: '2026-written' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ fields: [{ field: 'categoryId', code: 'competition.category' }] });
    // It does not parse with the categories the isolate knows: the slow path, as before.
    expect(shapeOf(t.trips)).toEqual(['batch(4)', 'batch(2)']);
    expect(await title()).toBe(work.title);
    expect(await counts()).toEqual([
      ['ip', 3],
      ['user', 3],
    ]);
  });

  it('a category removed since the isolate read them: the guard refuses, 422, nothing written', async () => {
    const { t, step, work, title } = await saved();
    await t.client.execute({
      sql: "UPDATE competition_categories SET edition_id = ?, slug = slug || '-moved' WHERE id = ?",
      args: ['2026', work.categoryId],
    });
    t.resetTrips();
    const refused = await step({ ...work, title: 'Not this' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ fields: [{ field: 'categoryId', code: 'competition.category' }] });
    expect(shapeOf(t.trips)).toEqual(['batch(3)', 'batch(4)', 'batch(2)']);
    expect(await title()).toBe(work.title);
  });

  it('a language no category takes any more: the guard refuses, 422, nothing written', async () => {
    const { t, step, work, title } = await saved();
    await t.client.execute({
      sql: "UPDATE competition_categories SET languages = '[\"de\"]' WHERE edition_id = '2027'",
      args: [],
    });
    t.resetTrips();
    const refused = await step({ ...work, title: 'Not this' });
    expect(refused.status).toBe(422);
    expect(shapeOf(t.trips)).toEqual(['batch(3)', 'batch(4)', 'batch(2)']);
    expect(await title()).toBe(work.title);
  });

  it('after sign-out: 401, nothing written', async () => {
    const { t, jar, step, work, title } = await saved();
    await t.client.execute('UPDATE sessions SET revoked_at = 1');
    const refused = await step({ ...work, title: 'Not this' }, jar.header());
    expect(refused.status).toBe(401);
    expect(await title()).toBe(work.title);
  });

  it('after the deadline: 409 competition.closed, nothing written', async () => {
    const { t, step, work, title } = await saved();
    await t.client.execute({
      sql: "UPDATE competition_editions SET submissions_close_at = ? WHERE id = '2027'",
      args: [t.deps.clock().getTime()],
    });
    const refused = await step({ ...work, title: 'Not this' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'competition.closed' });
    expect(await title()).toBe(work.title);
  });

  it('a withdrawn entry: 404, nothing written', async () => {
    const { t, id, step, work, title } = await saved();
    await t.client.execute({ sql: "UPDATE competition_entries SET status = 'withdrawn' WHERE id = ?", args: [id] });
    const refused = await step({ ...work, title: 'Not this' });
    expect(refused.status).toBe(404);
    expect(await title()).toBe(work.title);
  });

  it('over the account limit: 429, nothing written, nothing counted', async () => {
    const { t, step, work, title, counts } = await saved();
    await t.client.execute("UPDATE rate_limits SET count = 120 WHERE key LIKE 'competition:user:%'");
    t.resetTrips();
    const refused = await step({ ...work, title: 'Not this' });
    expect(refused.status).toBe(429);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
    expect(await title()).toBe(work.title);
    expect(await counts()).toEqual([
      ['ip', 2],
      ['user', 120],
    ]);
  });

  it('a session last seen over a minute ago: the slow path records activity, then saves', async () => {
    const { t, step, work, title } = await saved();
    t.advance(61_000);
    t.resetTrips();
    const response = await step({ ...work, title: 'Later' });
    expect(response.status).toBe(200);
    // The guarded update refused (the session's activity is due); the touch, then the write batch.
    expect(shapeOf(t.trips)).toEqual(['batch(3)', 'batch(4)', 'execute', 'batch(3)']);
    expect(await title()).toBe('Later');
    t.resetTrips();
    expect((await step({ ...work, title: 'Again' })).status).toBe(200);
    expect(shapeOf(t.trips)).toEqual(['batch(3)']);
  });
});
