// The results parts connected to the jury's screens (issue 13 with issue 12): a ranked round is
// decided by ballots only, the scoring screen never offers a file that answers 422, …
import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { entryFiles } from '../db/schema/index.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { acceptedJurors, roundProgress, unfinishedCount } from '../jury/rounds.service.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoBallotIds, insertDemoBallots } from './demo-ballots.ts';
import { DEMO_RESULTS_ROUND, insertDemoResults } from './demo-results.ts';
import { roundResults } from './results.service.ts';
import { manageView } from './publication.service.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const ROUND1 = demoIds.round;
const FINAL = demoBallotIds.round;
const e = (n: number) => demoIds.entry(n - 1);

async function setUp({ final = true } = {}) {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const jury = await insertDemoJury(t.db, t.deps.clock());
  if (final) await insertDemoBallots(t.db, t.deps.clock());
  return { t, jury };
}
const cookieOf = (t: T, key: string) => sessionCookie(t.db, demoIds.jurorUser(key), t.deps.clock());
const get = (t: T, cookie: string, path: string) => t.request(path, { headers: { cookie } });
const post = (t: T, cookie: string, path: string, body: unknown) => t.request(path, postJson(body, { cookie }));

describe('the scoring screen in a ranked round', () => {
  it('refuses a rank on a review (translated 422 on `rank`, nothing stored); comments alone are saved and submitted', async () => {
    const { t } = await setUp();
    const maria = await cookieOf(t, 'maria');
    const path = `/api/jury/editions/2026/rounds/${FINAL}/entries/${e(12)}/review`;
    const ranked = await post(t, maria, path, { version: 0, rank: 1, submit: true, lang: 'en' });
    expect(ranked.status).toBe(422);
    expect(await ranked.json()).toMatchObject({
      code: 'validation.failed',
      fields: [
        {
          field: 'rank',
          code: 'ballot.rankOnReview',
          message:
            'In this round the entries are ranked on the category’s ballot, not on each entry. Your comments are kept.',
        },
      ],
    });
    const stored = await t.client.execute({
      sql: 'SELECT count(*) AS n FROM jury_reviews WHERE round_id = ?',
      args: [FINAL],
    });
    expect(Number(stored.rows[0]?.n)).toBe(0);
    const comments = await post(t, maria, path, { version: 0, commentForEntrant: 'Strong sources.', submit: true });
    expect(comments.status).toBe(200);
    expect(((await comments.json()) as { review: unknown }).review).toMatchObject({
      version: 1,
      state: 'submitted',
      rank: null,
      commentForEntrant: 'Strong sources.',
    });
  });
});

describe('files jurors cannot open are not on the scoring screen', () => {
  it('leaves out a file no blind copy can be made of (kind, size) and counts it', async () => {
    const { t } = await setUp();
    const now = t.deps.clock();
    const file = (id: string, type: string, size: number) => ({
      id,
      entryId: e(2),
      uploadKey: `uploads/${id}`,
      kind: 'work' as const,
      name: 'Zuzana Hlavatá – reportáž',
      size,
      type,
      createdAt: now,
    });
    await t.db
      .insert(entryFiles)
      .values([file('f-webm', 'video/webm', 30_000_000), file('f-big', 'audio/mp4', 60 * 1024 * 1024)]);
    const oleksandr = await cookieOf(t, 'oleksandr');
    const view = (await (
      await get(t, oleksandr, `/api/jury/editions/2026/rounds/${ROUND1}/entries/${e(2)}`)
    ).json()) as {
      files: { id: string }[];
      filesWithheld: number;
    };
    expect(view.files.map((f) => f.id)).toEqual(['demo-2026-file-02-video']);
    expect(view.filesWithheld).toBe(2);
  });
});

describe('managers’ progress of a ranked round counts ballots', () => {
  it('per juror: ballots submitted and drafts out of the categories they rank; per entry: submitted ballots of its jurors', async () => {
    const { t } = await setUp();
    const eva = await cookieOf(t, 'eva');
    const draft = await post(t, eva, `/api/ballots/editions/2026/rounds/${FINAL}/categories/${demoBallotIds.video}`, {
      version: 0,
      ranks: {},
      submit: false,
    });
    expect(draft.status).toBe(200);
    const progress = await roundProgress(t.deps, '2026', FINAL);
    expect(progress.unit).toBe('ballots');
    // Five jurors submitted both ballots (written, video); Éva has saved a draft of one.
    expect(progress.progress.map((p) => [p.jurorId, p.assigned, p.submitted, p.drafts])).toEqual([
      ['demo-juror-anna', 2, 2, 0],
      ['demo-juror-eva', 2, 0, 1],
      ['demo-juror-ioana', 2, 2, 0],
      ['demo-juror-jan', 2, 2, 0],
      ['demo-juror-maria', 2, 2, 0],
      ['demo-juror-oleksandr', 2, 2, 0],
    ]);
    // An entry counts the submitted ballots of its jurors (not in conflict) for its category.
    expect(progress.coverage.map((c) => [c.number, c.jurors, c.submitted])).toEqual([
      ['MIS-2026-0001', 5, 4],
      ['MIS-2026-0002', 6, 5],
      ['MIS-2026-0004', 5, 4],
      ['MIS-2026-0006', 5, 4],
      ['MIS-2026-0008', 5, 4],
      ['MIS-2026-0012', 6, 5],
    ]);
    // Reminders count the same: the categories whose ballot is not submitted (Éva: both).
    const unfinished = await Promise.all(
      (await acceptedJurors(t.db, '2026')).map(async (j) => [j.id, await unfinishedCount(t.db, j, FINAL)]),
    );
    expect(unfinished.toSorted((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['demo-juror-anna', 0],
      ['demo-juror-eva', 2],
      ['demo-juror-ioana', 0],
      ['demo-juror-jan', 0],
      ['demo-juror-maria', 0],
      ['demo-juror-oleksandr', 0],
    ]);
    const rubric = await roundProgress(t.deps, '2026', ROUND1);
    expect(rubric.unit).toBe('reviews');
  });
});

describe('the publication form shows the jury’s suggested order', () => {
  const view = async (t: T) => manageView(t.deps, '2026');
  const rows = (v: Awaited<ReturnType<typeof manageView>>, category: string) =>
    v.categories.find((c) => c.id === category)!.candidates.map((c) => [c.number, c.suggested, c.suggestedTied]);

  it('a ranked last round: the Schulze order, ties broken by the seeded ranking and marked', async () => {
    const { t } = await setUp();
    const v = await view(t);
    expect(v.suggestedBy).toBe('schulze');
    expect(rows(v, demoBallotIds.written)).toEqual([
      ['MIS-2026-0012', 1, false],
      ['MIS-2026-0001', 2, false],
      ['MIS-2026-0008', 3, false],
      ['MIS-2026-0004', 4, false],
    ]);
    // Video is a perfect 2 : 2 tie: both marked, the seeded ranking decides who is listed first.
    expect(rows(v, demoBallotIds.video)).toEqual([
      ['MIS-2026-0006', 1, true],
      ['MIS-2026-0002', 2, true],
    ]);
  });

  it('a rubric last round: the leaderboard rank by normalised total, ties shared', async () => {
    const { t, jury } = await setUp({ final: false });
    for (const [n, value] of [
      [1, 4],
      [4, 4],
      [8, 2],
      [12, 5],
    ] as const) {
      const pair = jury.assignments.find((a) => a.entryId === e(n))!;
      const cookie = await cookieOf(t, pair.jurorId.replace('demo-juror-', ''));
      const scores = { accuracy: value, balance: value, language: value, originality: value, craft: value };
      const path = `/api/jury/editions/2026/rounds/${ROUND1}/entries/${e(n)}/review`;
      expect((await post(t, cookie, path, { version: 0, submit: true, scores })).status).toBe(200);
    }
    const v = await view(t);
    expect(v.suggestedBy).toBe('normalised');
    // One review each: jurors with fewer than three reviews stay raw, so the order follows the scores.
    expect(rows(v, demoBallotIds.written)).toEqual([
      ['MIS-2026-0012', 1, false],
      ['MIS-2026-0001', 2, true],
      ['MIS-2026-0004', 2, true],
      ['MIS-2026-0008', 4, false],
    ]);
  });
});

describe('the shortlist’s top N ranks by the normalised total by default, raw on request', () => {
  it('student entries (demo closed round): normalised puts 11 first, raw puts 10 first; the answer and the move say which', async () => {
    const { t } = await setUp({ final: false });
    await insertDemoResults(t.db, t.deps.clock());
    const mgr = await sessionCookie(
      t.db,
      await createUser(t.db, {
        email: 'm@example.org',
        roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
      }),
      t.deps.clock(),
    );
    const path = `/api/ballots/manage/editions/2026/rounds/${DEMO_RESULTS_ROUND}/shortlist`;
    type View = {
      scores: string | null;
      categories: { categoryId: string; entries: { number: string; place: number; mean: number }[] }[];
    };
    const student = async (query: string) => {
      const v = (await (await get(t, mgr, `${path}?n=1${query}`)).json()) as View;
      const rows = v.categories.find((c) => c.categoryId === '2026-student')!.entries;
      return [v.scores, rows.map((e) => [e.number, e.place, Math.round(e.mean * 10_000) / 10_000])];
    };
    expect(await student('')).toEqual([
      'normalised',
      [
        ['MIS-2026-0011', 1, 0.6057],
        ['MIS-2026-0010', 2, 0.4433],
      ],
    ]);
    expect(await student('&scores=raw')).toEqual([
      'raw',
      [
        ['MIS-2026-0010', 1, 0.6389],
        ['MIS-2026-0011', 2, 0.5833],
      ],
    ]);
    // The same normalisation as the leaderboard's: its normalised mean is s′ on the rubric's 1–5 range.
    const board = await roundResults(t.deps, '2026', DEMO_RESULTS_ROUND);
    const eleven = board.categories
      .find((c) => c.id === '2026-student')!
      .entries.find((e) => e.number === 'MIS-2026-0011')!;
    expect(Math.round(((eleven.normalised.mean! - 1) / 4) * 10_000) / 10_000).toBe(0.6057);
    const moved = await post(t, mgr, path, { way: 'top', n: 1, ties: [] });
    expect(moved.status).toBe(200);
    const kept = await t.client.execute({
      sql: 'SELECT e.number, s.mean_score FROM jury_shortlist s JOIN competition_entries e ON e.id = s.entry_id WHERE e.category_id = ?',
      args: ['2026-student'],
    });
    // The default move takes the normalised top 1 and keeps that mean with the row; the audit says which.
    expect(kept.rows.map((r) => [r.number, Math.round(Number(r.mean_score) * 10_000) / 10_000])).toEqual([
      ['MIS-2026-0011', 0.6057],
    ]);
    const logged = await t.client.execute("SELECT details FROM audit_log WHERE action = 'jury.shortlist.moved'");
    expect(JSON.parse(String(logged.rows[0]?.details))).toMatchObject({ way: 'top', n: 1, scores: 'normalised' });
  });
});
