import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { reviews, rounds } from '../db/schema/index.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createTestApp, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { eq } from 'drizzle-orm';
import { insertDemoResults } from './publication-demo.ts';
import { isBlindEdition, nextState, placementProblems } from './publication-rules.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const base = '/api/publication/manage/editions/2026';
const entry = (n: number) => demoIds.entry(n - 1);
/** The demo's written category of 2026 holds entries 1, 4, 8 and 12. */
const WRITTEN = '2026-written';

async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  await insertDemoJury(t.db, t.deps.clock());
  const managerId = await createUser(t.db, {
    email: 'manager@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
  });
  const cookie = await sessionCookie(t.db, managerId, t.deps.clock());
  return { t, cookie, managerId };
}

const post = (t: T, cookie: string, path: string, body: unknown) => t.request(path, postJson(body, { cookie }));
const get = (t: T, cookie: string, path: string) => t.request(path, { headers: { cookie } });
const json = async <R>(r: Response) => (await r.json()) as R;
/** The error body without its random request id. */
const problem = async (r: Response) => {
  const { requestId: _, ...rest } = (await r.json()) as Record<string, unknown>;
  return { status: r.status, ...rest };
};

/** Places in the written category and a statement, as the managers' form sends them. */
const writtenForm = {
  [`place.${entry(1)}`]: 'winner',
  [`place.${entry(4)}`]: 'second',
  [`place.${entry(8)}`]: 'shortlist',
  [`place.${entry(12)}`]: 'none',
  'statement.sk': 'Porota ocenila presnosť.',
  'statement.en': 'The jury valued accuracy.',
  'statement.uk': '',
};

async function publishWritten(t: T, cookie: string) {
  expect((await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm)).status).toBe(200);
  expect((await post(t, cookie, `${base}/lock`, {})).status).toBe(200);
  return post(t, cookie, `${base}/publish`, {});
}

describe('results: record, lock, unlock, publish (node, libSQL)', () => {
  it('lists the last round’s entries per category and records places and the statement in a draft', async () => {
    const { t, cookie } = await setUp();
    const view = await json<{
      state: string;
      round: { id: string } | null;
      categories: {
        id: string;
        statement: Record<string, string>;
        candidates: { id: string; place: string | null; reviews: number }[];
      }[];
    }>(await get(t, cookie, base));
    expect(view.state).toBe('draft');
    expect(view.round?.id).toBe(demoIds.round);
    const written = () => view.categories.find((c) => c.id === WRITTEN)!;
    expect(
      written()
        .candidates.map((c) => c.id)
        .sort(),
    ).toEqual([entry(1), entry(4), entry(8), entry(12)]);
    expect((await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm)).status).toBe(200);
    const after = await json<typeof view>(await get(t, cookie, base));
    const places = Object.fromEntries(
      after.categories.find((c) => c.id === WRITTEN)!.candidates.map((c) => [c.id, c.place]),
    );
    expect(places).toEqual({ [entry(1)]: 'winner', [entry(4)]: 'second', [entry(8)]: 'shortlist', [entry(12)]: null });
    expect(after.categories.find((c) => c.id === WRITTEN)!.statement).toEqual({
      sk: 'Porota ocenila presnosť.',
      en: 'The jury valued accuracy.',
    });
    const logged = await t.client.execute(
      "SELECT action, object_id, details FROM audit_log WHERE action LIKE 'results.%' ORDER BY rowid",
    );
    expect(logged.rows.map((r) => [r.action, r.object_id])).toEqual([['results.placements.saved', WRITTEN]]);
    expect(JSON.parse(String(logged.rows[0]!.details))).toEqual({
      editionId: '2026',
      [entry(1)]: 'winner',
      [entry(4)]: 'second',
      [entry(8)]: 'shortlist',
    });
  });

  it('refuses two winners, an entry of another category, and an unknown place, keeping what was recorded', async () => {
    const { t, cookie } = await setUp();
    const twice = await post(t, cookie, `${base}/categories/${WRITTEN}`, {
      [`place.${entry(1)}`]: 'winner',
      [`place.${entry(4)}`]: 'winner',
    });
    expect(await problem(twice)).toMatchObject({
      status: 422,
      code: 'validation.failed',
      fields: [
        { field: `place.${entry(1)}`, code: 'publication.placeTaken' },
        { field: `place.${entry(4)}`, code: 'publication.placeTaken' },
      ],
    });
    const other = await post(t, cookie, `${base}/categories/${WRITTEN}`, { [`place.${entry(2)}`]: 'winner' });
    expect(await problem(other)).toMatchObject({
      status: 422,
      fields: [{ field: `place.${entry(2)}`, code: 'publication.notCandidate' }],
    });
    const unknown = await post(t, cookie, `${base}/categories/${WRITTEN}`, { [`place.${entry(1)}`]: 'gold' });
    expect(await problem(unknown)).toMatchObject({ status: 422, fields: [{ field: `place.${entry(1)}` }] });
    const rows = await t.client.execute('SELECT count(*) AS n FROM results_placements');
    expect(rows.rows[0]!.n).toBe(0);
    expect((await post(t, cookie, `${base}/categories/2027-written`, writtenForm)).status).toBe(404);
  });

  it('locks (needs a winner), refuses changes while locked, publishes only from locked, and unlocks with a reason', async () => {
    const { t, cookie, managerId } = await setUp();
    expect(await problem(await post(t, cookie, `${base}/lock`, {}))).toMatchObject({
      status: 409,
      code: 'publication.noWinner',
    });
    expect(await problem(await post(t, cookie, `${base}/publish`, {}))).toMatchObject({
      status: 409,
      code: 'publication.notLocked',
    });
    expect((await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm)).status).toBe(200);
    expect((await post(t, cookie, `${base}/lock`, {})).status).toBe(200);
    expect(await problem(await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm))).toMatchObject({
      status: 409,
      code: 'publication.notDraft',
    });
    expect(await problem(await post(t, cookie, `${base}/statement`, { 'statement.en': 'Late.' }))).toMatchObject({
      status: 409,
      code: 'publication.notDraft',
    });
    expect(await problem(await post(t, cookie, `${base}/lock`, {}))).toMatchObject({
      status: 409,
      code: 'publication.notDraft',
    });
    expect(await problem(await post(t, cookie, `${base}/unlock`, { reason: '' }))).toMatchObject({
      status: 422,
      fields: [{ field: 'reason', code: 'publication.reasonRequired' }],
    });
    expect((await post(t, cookie, `${base}/unlock`, { reason: 'A name was misspelt.' })).status).toBe(200);
    expect(await problem(await post(t, cookie, `${base}/unlock`, { reason: 'Again.' }))).toMatchObject({
      status: 409,
      code: 'publication.notLockedYet',
    });
    const unlocked = await t.client.execute(
      "SELECT actor_id, details FROM audit_log WHERE action = 'results.unlocked'",
    );
    expect(unlocked.rows.map((r) => [r.actor_id, JSON.parse(String(r.details))])).toEqual([
      [managerId, { reason: 'A name was misspelt.', from: 'locked' }],
    ]);
    const state = await t.client.execute("SELECT state FROM results_publications WHERE edition_id = '2026'");
    expect(state.rows[0]!.state).toBe('draft');
  });

  it('publishes: the winners appear, every entrant is mailed once in the entry’s language, and a second publish mails nobody', async () => {
    const { t, cookie } = await setUp();
    const unknown = await problem(await t.request('/api/publication/editions/1999/winners'));
    expect(await problem(await t.request('/api/publication/editions/2026/winners'))).toEqual(unknown);
    expect(unknown).toMatchObject({ status: 404, code: 'request.notFound' });
    const published = await publishWritten(t, cookie);
    expect(await json(published)).toEqual({ status: 'published', queued: 12 });
    const mails = await t.client.execute(
      "SELECT recipient, subject, body_text FROM outbox WHERE kind = 'results.feedback' ORDER BY recipient",
    );
    expect(mails.rows.length).toBe(12);
    expect(new Set(mails.rows.map((r) => r.subject))).toEqual(
      new Set(['Výsledky súťaže Migranti v centre pozornosti 2026']),
    );
    const first = mails.rows.find((r) => r.recipient === 'entrant1@news.example.org')!;
    expect(String(first.body_text)).toContain(
      'Vaša prihláška MIS-2026-0001 „Cudzinecká polícia zblízka“: víťaz kategórie.',
    );
    expect(String(first.body_text)).toContain(
      `${TEST_ORIGIN}/sk/competition/entries/${entry(1)}/results/\nVšetci víťazi: ${TEST_ORIGIN}/sk/competition/2026/winners/`,
    );
    // No juror is named in any feedback mail.
    for (const row of mails.rows)
      for (const name of ['Kováčová', 'Bondar', 'Horváth', 'Novák', 'Schmidt'])
        expect(String(row.body_text)).not.toContain(name);
    const winners = await json<{
      categories: {
        id: string;
        statement: Record<string, string>;
        entries: { id: string; place: string; authors: string[]; url: string }[];
      }[];
      jurors: unknown[];
    }>(await t.request('/api/publication/editions/2026/winners'));
    expect(winners.categories.map((c) => [c.id, c.entries.map((e) => [e.id, e.place])])).toEqual([
      [
        WRITTEN,
        [
          [entry(1), 'winner'],
          [entry(4), 'second'],
          [entry(8), 'shortlist'],
        ],
      ],
    ]);
    expect(winners.categories[0]!.entries[0]!.authors).toEqual(['Zuzana Hlavatá']);
    // Demo jurors wrote no bio: none is listed.
    expect(winners.jurors).toEqual([]);
    expect(await json(await t.request('/api/publication/editions/2026/published'))).toEqual({ published: true });
    // Unlock, lock and publish again: nobody is mailed twice.
    expect((await post(t, cookie, `${base}/unlock`, { reason: 'Typo in a statement.' })).status).toBe(200);
    expect(await problem(await t.request('/api/publication/editions/2026/winners'))).toEqual(unknown);
    expect((await post(t, cookie, `${base}/lock`, {})).status).toBe(200);
    expect(await json(await post(t, cookie, `${base}/publish`, {}))).toEqual({ status: 'published', queued: 0 });
    const again = await t.client.execute("SELECT count(*) AS n FROM outbox WHERE kind = 'results.feedback'");
    expect(again.rows[0]!.n).toBe(12);
  });

  it('two publishes at once: one succeeds, the other is refused, and each entrant gets one mail', async () => {
    const { t, cookie } = await setUp();
    expect((await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm)).status).toBe(200);
    expect((await post(t, cookie, `${base}/lock`, {})).status).toBe(200);
    const answers = await Promise.all([0, 1, 2].map(() => post(t, cookie, `${base}/publish`, {})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const mails = await t.client.execute("SELECT count(*) AS n FROM outbox WHERE kind = 'results.feedback'");
    expect(mails.rows[0]!.n).toBe(12);
  });

  it('shows the entrant their outcome and jurors’ comments, without names in a blind edition; 404 before publishing and to others', async () => {
    const { t, cookie } = await setUp();
    const now = t.deps.clock();
    const review = (jurorKey: string, commentForEntrant: string, state: 'submitted' | 'draft' = 'submitted') => ({
      id: `review-${jurorKey}`,
      roundId: demoIds.round,
      entryId: entry(1),
      jurorId: demoIds.juror(jurorKey),
      version: 1,
      saveId: 's',
      state,
      scores: {},
      commentForJury: 'Only for the jury: strong piece.',
      commentForEntrant,
      createdAt: now,
      updatedAt: now,
    });
    await t.db
      .insert(reviews)
      .values([
        review('maria', 'Clear and careful reporting.'),
        review('jan', 'Draft words never shown.', 'draft'),
        review('anna', ''),
      ]);
    const entrant = await sessionCookie(t.db, demoIds.entrant(0), now);
    const other = await sessionCookie(t.db, demoIds.entrant(1), now);
    const path = `/api/publication/entries/${entry(1)}/feedback`;
    expect((await get(t, entrant, path)).status).toBe(404);
    expect(await json(await get(t, entrant, '/api/publication/entries/mine'))).toEqual({ outcomes: [] });
    expect((await publishWritten(t, cookie)).status).toBe(200);
    const feedback = await json<{ outcome: string; comments: { text: string; juror: string | null }[] }>(
      await get(t, entrant, path),
    );
    expect(feedback.outcome).toBe('winner');
    expect(feedback.comments.map((c) => [c.text, c.juror])).toEqual([['Clear and careful reporting.', null]]);
    expect(JSON.stringify(feedback)).not.toContain('Kováčová');
    expect(JSON.stringify(feedback)).not.toContain('Only for the jury');
    expect(await json(await get(t, entrant, '/api/publication/entries/mine'))).toEqual({
      outcomes: [{ entryId: entry(1), editionId: '2026', outcome: 'winner' }],
    });
    expect((await get(t, other, path)).status).toBe(404);
    expect((await t.request(path)).status).toBe(401);
    // A round that showed names makes the edition open: the name comes with the comment.
    await t.db.update(rounds).set({ namesShown: true }).where(eq(rounds.id, demoIds.round));
    const open = await json<{ comments: { juror: string | null }[] }>(await get(t, entrant, path));
    expect(open.comments.map((c) => c.juror)).toEqual(['Mária Kováčová']);
  });

  it('lets only the edition’s managers record, lock and publish (403, audited), and nobody signed out', async () => {
    const { t } = await setUp();
    const manager2027 = await sessionCookie(
      t.db,
      await createUser(t.db, {
        email: 'm27@example.org',
        roles: [{ role: 'competition_manager', scope: 'edition:2027' }],
      }),
      t.deps.clock(),
    );
    const juror = await sessionCookie(t.db, demoIds.jurorUser('maria'), t.deps.clock());
    for (const cookie of [manager2027, juror]) {
      expect((await get(t, cookie, base)).status).toBe(403);
      expect((await post(t, cookie, `${base}/categories/${WRITTEN}`, writtenForm)).status).toBe(403);
      expect((await post(t, cookie, `${base}/lock`, {})).status).toBe(403);
      expect((await post(t, cookie, `${base}/publish`, {})).status).toBe(403);
      expect((await post(t, cookie, `${base}/unlock`, { reason: 'Because.' })).status).toBe(403);
    }
    expect((await t.request(`${base}/lock`, postJson({}))).status).toBe(401);
    const denied = await t.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'permission.denied'");
    expect(denied.rows[0]!.n).toBe(10);
  });

  it('the demo: 2025 is published and marked as demo, with four jurors’ bios, and its entrants count as mailed', async () => {
    const { t } = await setUp();
    await insertDemoResults(t.db, t.deps.clock());
    await insertDemoResults(t.db, t.deps.clock());
    const winners = await json<{
      demo: boolean;
      categories: { slug: string; entries: { title: string; place: string }[] }[];
      jurors: { name: string }[];
    }>(await t.request('/api/publication/editions/2025/winners'));
    expect(winners.demo).toBe(true);
    expect(winners.categories.map((c) => [c.slug, c.entries.map((e) => `${e.place}: ${e.title}`)])).toEqual([
      [
        'written-online',
        ['winner: Opatrovateľky z Ukrajiny', 'special: Sklady pri Senci', 'shortlist: Learning Slovak at sixty'],
      ],
      ['video', ['winner: Дорога на захід', 'shortlist: Hranica']],
      ['audio-radio', ['winner: Hlasy z ubytovne']],
      ['photo', ['winner: Ranná zmena']],
    ]);
    expect(winners.jurors.map((j) => j.name)).toEqual([
      'Anna Schmidt',
      'Éva Horváth',
      'Mária Kováčová',
      'Oleksandr Bondar',
    ]);
    const mails = await t.client.execute("SELECT count(*) AS n FROM outbox WHERE kind = 'results.feedback'");
    expect(mails.rows[0]!.n).toBe(0);
  });
});

describe('results: pure rules', () => {
  it('moves draft → locked → published, unlocks back to a draft, and refuses every other step', () => {
    expect(nextState('draft', 'edit')).toBe('draft');
    expect(nextState('draft', 'lock')).toBe('locked');
    expect(nextState('draft', 'publish')).toBeNull();
    expect(nextState('draft', 'unlock')).toBeNull();
    expect(nextState('locked', 'edit')).toBeNull();
    expect(nextState('locked', 'lock')).toBeNull();
    expect(nextState('locked', 'publish')).toBe('published');
    expect(nextState('locked', 'unlock')).toBe('draft');
    expect(nextState('published', 'publish')).toBeNull();
    expect(nextState('published', 'edit')).toBeNull();
    expect(nextState('published', 'unlock')).toBe('draft');
  });

  it('allows one winner, second and third per category, any number of mentions and shortlisted entries', () => {
    expect(
      placementProblems(['a', 'b', 'c', 'd'], { a: 'winner', b: 'special', c: 'special', d: 'shortlist' }),
    ).toEqual([]);
    expect(placementProblems(['a', 'b', 'c'], { a: 'third', b: 'third', c: 'winner' })).toEqual([
      { field: 'place.a', code: 'publication.placeTaken' },
      { field: 'place.b', code: 'publication.placeTaken' },
    ]);
    expect(placementProblems(['a'], { z: 'winner' })).toEqual([{ field: 'place.z', code: 'publication.notCandidate' }]);
  });

  it('treats an edition as blind unless a round showed names', () => {
    expect(isBlindEdition([])).toBe(true);
    expect(isBlindEdition([{ namesShown: false }, { namesShown: false }])).toBe(true);
    expect(isBlindEdition([{ namesShown: false }, { namesShown: true }])).toBe(false);
  });
});
