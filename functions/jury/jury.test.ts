import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { runScheduled } from '../scheduled.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const DAY = 24 * 60 * 60_000;
const ROUND = demoIds.round;
const base = `/api/jury/editions/2026/rounds/${ROUND}`;

/** The demo editions and jury (6 jurors, 12 entries, an open rubric round assigned). */
async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const demo = await insertDemoJury(t.db, t.deps.clock());
  return { t, demo };
}

const cookieOf = async (t: T, key: string) => sessionCookie(t.db, demoIds.jurorUser(key), t.deps.clock());
const get = (t: T, cookie: string, path: string, headers: Record<string, string> = {}) =>
  t.request(path, { headers: { cookie, ...headers } });
const post = (t: T, cookie: string, path: string, body: unknown) => t.request(path, postJson(body, { cookie }));

const scores = { accuracy: 4, balance: 5, language: 3, originality: 'abstain', craft: 4 };

/** A manager of 2026 and their cookie. */
async function manager(t: T) {
  const id = await createUser(t.db, {
    email: 'manager@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
  });
  return sessionCookie(t.db, id, t.deps.clock());
}

const assignedTo = (demo: Awaited<ReturnType<typeof insertDemoJury>>, key: string) =>
  demo.assignments.filter((a) => a.jurorId === demoIds.juror(key)).map((a) => a.entryId);

describe('jury (node, libSQL)', () => {
  it('invites a juror: the mailed link opens a page, reading it changes nothing, the button accepts once and gives the role', async () => {
    const { t } = await setUp();
    const cookie = await manager(t);
    const invited = await post(t, cookie, '/api/jury/manage/editions/2026/jurors', {
      email: 'new.juror@example.org',
      locale: 'uk',
    });
    expect(invited.status).toBe(201);
    const mail = (await t.mailbox.list()).find((m) => m.to === 'new.juror@example.org');
    const subject = await t.client.execute("SELECT subject FROM outbox WHERE kind = 'jury.invitation'");
    expect(subject.rows.map((r) => r.subject)).toEqual(['Запрошення до журі Мігранти в центрі уваги 2026']);
    const link = linkIn((await t.mailbox.read(mail!.key))!, `${TEST_ORIGIN}/uk/jury/invitation/?token=`);
    const token = new URL(link).searchParams.get('token')!;
    // Opening (GET, twice, as mail scanners do) changes nothing.
    for (let i = 0; i < 2; i++) {
      const read = await t.request(`/api/jury/invitations/${token}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { editionId: string }).editionId).toBe('2026');
    }
    const roles = async () =>
      (
        await t.client.execute(
          "SELECT r.scope FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.email = 'new.juror@example.org' AND r.role = 'juror'",
        )
      ).rows.map((r) => r.scope);
    expect(await roles()).toEqual([]);
    const accepted = await t.request('/api/jury/invitations/accept', postJson({ token }));
    expect(accepted.status).toBe(200);
    expect(await roles()).toEqual(['edition:2026']);
    const listed = (await (await get(t, cookie, '/api/jury/manage/editions/2026/jurors')).json()) as {
      jurors: { email: string; acceptedAt: string | null }[];
    };
    expect(listed.jurors.map((j) => [j.email, j.acceptedAt !== null])).toEqual([
      ['anna.schmidt@jury.example.org', true],
      ['eva.horvath@jury.example.org', true],
      ['ioana.popescu@jury.example.org', true],
      ['jan.novak@jury.example.org', true],
      ['maria.kovacova@jury.example.org', true],
      ['new.juror@example.org', true],
      ['oleksandr.bondar@jury.example.org', true],
    ]);
    // Once only: a second click (or the link opened again) says "accepted already" and grants nothing twice.
    const again = await t.request('/api/jury/invitations/accept', postJson({ token }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'accepted', editionId: '2026', already: true });
    expect(await (await t.request(`/api/jury/invitations/${token}`)).json()).toMatchObject({ accepted: true });
    expect(await roles()).toEqual(['edition:2026']);
    expect((await t.request('/api/jury/invitations/accept', postJson({ token: 'x'.repeat(43) }))).status).toBe(404);
    const audited = await t.client.execute(
      "SELECT action FROM audit_log WHERE action LIKE 'jury.juror.%' ORDER BY at, action",
    );
    expect(audited.rows.map((r) => r.action)).toEqual(['jury.juror.accepted', 'jury.juror.invited']);
  });

  it("a managers' route of an edition that does not exist answers 404, for reading and for posting", async () => {
    const { t } = await setUp();
    const cookie = await manager(t);
    for (const path of ['jurors', 'conflicts', 'rounds'])
      expect([path, (await get(t, cookie, `/api/jury/manage/editions/9999/${path}`)).status]).toEqual([path, 404]);
    const posted = await post(t, cookie, '/api/jury/manage/editions/9999/conflicts', { reason: 'x' });
    expect(posted.status).toBe(404);
    expect((await get(t, cookie, '/api/jury/manage/editions/2026/conflicts')).status).toBe(200);
  });

  it('a juror sets languages with levels, expertise and a bio; bad languages are refused', async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'oleksandr');
    const saved = await post(t, cookie, '/api/jury/editions/2026/profile', {
      languages: [
        { code: 'uk', level: 'native' },
        { code: 'en', level: 'fluent' },
        { code: 'pl', level: 'reading' },
      ],
      expertise: ['2026-video'],
      bio: 'Video journalist, Kharkiv.',
    });
    expect(saved.status).toBe(200);
    const me = (await (await get(t, cookie, '/api/jury/editions/2026/me')).json()) as {
      profile: { languages: unknown; expertise: string[]; bio: string };
      rounds: { id: string; state: string }[];
    };
    expect(me.profile.languages).toEqual([
      { code: 'uk', level: 'native' },
      { code: 'en', level: 'fluent' },
      { code: 'pl', level: 'reading' },
    ]);
    expect(me.profile.expertise).toEqual(['2026-video']);
    expect(me.rounds).toEqual([expect.objectContaining({ id: ROUND, state: 'open' })]);
    const bad = await post(t, cookie, '/api/jury/editions/2026/profile', {
      languages: [{ code: 'ukrainian', level: 'native' }],
    });
    expect(bad.status).toBe(422);
    // The answer says what is wrong with the field, not only that something is.
    const typo = await post(t, cookie, '/api/jury/editions/2026/profile', {
      languages: [
        { code: 'uk', level: 'native' },
        { code: 'en', level: 'good' },
      ],
      lang: 'en',
    });
    expect(((await typo.json()) as { fields: unknown }).fields).toEqual([
      {
        field: 'languages',
        code: 'jury.level',
        message: 'For each language, choose how well you read it: native, fluent or reading.',
      },
    ]);
    // A juror of 2026 is nobody in 2027.
    expect((await get(t, cookie, '/api/jury/editions/2027/me')).status).toBe(403);
  });

  it('runs the assignment: k jurors per entry where possible, no conflicts, only readers, and explains the rest', async () => {
    const { t, demo } = await setUp();
    const cookie = await manager(t);
    const run = (await (await post(t, cookie, `/api/jury/manage/editions/2026/rounds/${ROUND}/assign`, {})).json()) as {
      assignments: number;
      uncovered: { entryId: string; missing: number; reason: string; readers: number; eligible: number }[];
    };
    // The Romanian entry was made by the only juror who reads Romanian: fewer than k = 2 read it at
    // all (noReader), and the one who does is in conflict (eligible 0).
    expect(run.uncovered).toEqual([
      { entryId: demoIds.entry(5), missing: 2, reason: 'noReader', readers: 1, eligible: 0 },
    ]);
    expect(run.assignments).toBe(11 * 2);
    const rows = (await t.client.execute('SELECT entry_id, juror_id FROM jury_assignments')).rows;
    const conflictSet = new Set(demo.conflicts.map((c) => `${c.jurorId}/${c.entryId}`));
    for (const r of rows) expect(conflictSet.has(`${r.juror_id}/${r.entry_id}`)).toBe(false);
    const progress = (await (
      await get(t, cookie, `/api/jury/manage/editions/2026/rounds/${ROUND}/progress`)
    ).json()) as { short: number; progress: { assigned: number }[]; lastRun: { uncovered: unknown[] } };
    expect(progress.short).toBe(1);
    expect(progress.lastRun.uncovered).toHaveLength(1);
    expect(progress.progress.reduce((s, p) => s + p.assigned, 0)).toBe(22);
  });

  it('re-running the assignment keeps every review already started', async () => {
    const { t, demo } = await setUp();
    const cookie = await cookieOf(t, 'maria');
    const [entryId] = assignedTo(demo, 'maria');
    expect((await post(t, cookie, `${base}/entries/${entryId}/review`, { version: 0, scores })).status).toBe(200);
    const mgr = await manager(t);
    // The juror's languages change so the algorithm would no longer choose her; the started review stays.
    await t.client.execute(
      `UPDATE jury_jurors SET languages = '[{"code":"fi","level":"native"}]' WHERE id = '${demoIds.juror('maria')}'`,
    );
    await post(t, mgr, `/api/jury/manage/editions/2026/rounds/${ROUND}/assign`, {});
    const mine = (
      await t.client.execute(`SELECT entry_id FROM jury_assignments WHERE juror_id = '${demoIds.juror('maria')}'`)
    ).rows;
    expect(mine.map((r) => r.entry_id)).toEqual([entryId]);
  });

  it('adjusting by hand still enforces conflicts and languages; a started review is not taken away', async () => {
    const { t, demo } = await setUp();
    const mgr = await manager(t);
    const adjust = (entryId: string, jurorKey: string, action: 'add' | 'remove') =>
      post(t, mgr, `/api/jury/manage/editions/2026/rounds/${ROUND}/adjust`, {
        entryId,
        jurorId: demoIds.juror(jurorKey),
        action,
      });
    // Mária works for Denník N (entry 1's outlet).
    expect(((await (await adjust(demoIds.entry(0), 'maria', 'add')).json()) as { code: string }).code).toBe(
      'jury.conflicted',
    );
    // Oleksandr reads no Hungarian, and the audio category's English summary… he reads English: allowed.
    expect((await adjust(demoIds.entry(2), 'oleksandr', 'add')).status).toBe(200);
    // Nobody but Ioana reads Romanian; Anna does not.
    const refused = await adjust(demoIds.entry(6 - 1), 'anna', 'add');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('jury.noReader');
    const [entryId] = assignedTo(demo, 'jan');
    await post(t, await cookieOf(t, 'jan'), `${base}/entries/${entryId}/review`, { version: 0, scores });
    expect(((await (await adjust(entryId!, 'jan', 'remove')).json()) as { code: string }).code).toBe(
      'jury.reviewStarted',
    );
  });

  it('S08: a conflicted entry is absent from lists, counts and "next", and its URLs answer exactly like a missing id', async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'maria');
    // A manager assigns Mária to the Denník N entry straight in the database (as a stale assignment would).
    await t.client.execute(
      `INSERT INTO jury_assignments (id, round_id, entry_id, juror_id, source, quality, created_at) VALUES ('x', '${ROUND}', '${demoIds.entry(0)}', '${demoIds.juror('maria')}', 'manual', 1, 0)`,
    );
    await t.client.execute(
      `INSERT INTO competition_entry_files (id, entry_id, upload_key, kind, name, size, type, created_at) VALUES ('f-1', '${demoIds.entry(0)}', 'uploads/f-1', 'work', 'Zuzana Hlavata.pdf', 10, 'application/pdf', 0)`,
    );
    const list = (await (await get(t, cookie, `${base}/entries`)).json()) as {
      entries: { entryId: string }[];
      progress: { total: number };
    };
    expect(list.entries.map((e) => e.entryId)).not.toContain(demoIds.entry(0));
    expect(list.progress.total).toBe(list.entries.length);
    for (let i = 0; i < list.entries.length + 1; i++) {
      const next = (await (await get(t, cookie, `${base}/next`)).json()) as { entryId: string | null };
      expect(next.entryId).not.toBe(demoIds.entry(0));
      if (next.entryId === null) break;
      await post(t, cookie, `${base}/entries/${next.entryId}/review`, { version: 0, scores, submit: true });
    }
    const same = { 'cf-ray': '0123456789abcdef-VIE' }; // a well-formed ray id: the same request id for both
    const answer = async (path: string) => {
      const r = await get(t, cookie, path, same);
      return [r.status, await r.text()];
    };
    const conflicted = await answer(`${base}/entries/${demoIds.entry(0)}`);
    expect(conflicted[0]).toBe(404);
    expect(conflicted).toEqual(await answer(`${base}/entries/no-such-entry`));
    expect(await answer(`${base}/entries/${demoIds.entry(0)}/files/f-1`)).toEqual(
      await answer(`${base}/entries/no-such-entry/files/f-1`),
    );
    const save = async (entryId: string) => {
      const r = await t.request(
        `${base}/entries/${entryId}/review`,
        postJson({ version: 0, scores }, { cookie, ...same }),
      );
      return [r.status, await r.text()];
    };
    expect(await save(demoIds.entry(0))).toEqual(await save('no-such-entry'));
    const recuse = async (entryId: string) => {
      const r = await t.request(
        `${base}/entries/${entryId}/recuse`,
        postJson({ reason: 'I know them' }, { cookie, ...same }),
      );
      return [r.status, await r.text()];
    };
    expect(await recuse(demoIds.entry(0))).toEqual(await recuse('no-such-entry'));
  });

  it('S08: an entrant naming a juror, and a recusal, hide the entry at once', async () => {
    const { t, demo } = await setUp();
    // Entry 8 names Anna Schmidt in its conflicts step: never assigned to her.
    expect(assignedTo(demo, 'anna')).not.toContain(demoIds.entry(7));
    const cookie = await cookieOf(t, 'oleksandr');
    const [entryId] = assignedTo(demo, 'oleksandr');
    expect((await get(t, cookie, `${base}/entries/${entryId}`)).status).toBe(200);
    expect((await post(t, cookie, `${base}/entries/${entryId}/recuse`, { reason: 'A former colleague' })).status).toBe(
      200,
    );
    expect((await get(t, cookie, `${base}/entries/${entryId}`)).status).toBe(404);
    const list = (await (await get(t, cookie, `${base}/entries`)).json()) as { entries: { entryId: string }[] };
    expect(list.entries.map((e) => e.entryId)).not.toContain(entryId);
    const reason = await t.client.execute('SELECT source, reason FROM jury_entry_conflicts');
    expect(reason.rows.map((r) => [r.source, r.reason])).toEqual([['recusal', 'A former colleague']]);
  });

  it('S09: nothing of the author reaches a juror: no name, outlet, URL, address, file name', async () => {
    const { t, demo } = await setUp();
    const cookie = await cookieOf(t, 'eva');
    for (const entryId of assignedTo(demo, 'eva')) {
      await t.client.execute(
        `INSERT INTO competition_entry_files (id, entry_id, upload_key, kind, name, size, type, created_at) VALUES ('${entryId}-file', '${entryId}', 'uploads/x', 'work', 'Author Name - Outlet.pdf', 10, 'application/pdf', 0)`,
      );
      const text = await (await get(t, cookie, `${base}/entries/${entryId}`)).text();
      const entry = demo.entries.find((e) => e.id === entryId)!;
      for (const secret of [
        entry.authors[0]!.name,
        entry.outlet,
        entry.url,
        entry.entrantId,
        'Author Name',
        '@news.example.org',
      ])
        expect(text).not.toContain(secret);
      const body = JSON.parse(text) as { entry: Record<string, unknown>; files: { name: string }[] };
      expect(Object.keys(body.entry).sort()).toEqual(
        [
          'categoryId',
          'editionId',
          'id',
          'language',
          'number',
          'publishedOn',
          'summary',
          'summaryTranslation',
          'title',
        ].sort(),
      );
      expect(body.files.map((f) => f.name)).toEqual([`file-${entryId.slice(0, 8)}.pdf`]);
    }
    const list = await (await get(t, cookie, `${base}/entries`)).text();
    for (const e of demo.entries) expect(list).not.toContain(e.authors[0]!.name);
  });

  it('S10: a juror who also entered never sees, counts or scores the own entry', async () => {
    const { t, demo } = await setUp();
    const cookie = await cookieOf(t, 'ioana');
    const own = demoIds.entry(5);
    expect(assignedTo(demo, 'ioana')).not.toContain(own);
    await t.client.execute(
      `INSERT INTO jury_assignments (id, round_id, entry_id, juror_id, source, quality, created_at) VALUES ('y', '${ROUND}', '${own}', '${demoIds.juror('ioana')}', 'manual', 1, 0)`,
    );
    const list = (await (await get(t, cookie, `${base}/entries`)).json()) as { entries: { entryId: string }[] };
    expect(list.entries.map((e) => e.entryId)).not.toContain(own);
    expect((await get(t, cookie, `${base}/entries/${own}`)).status).toBe(404);
    expect((await post(t, cookie, `${base}/entries/${own}/review`, { version: 0, scores })).status).toBe(404);
    expect(
      (await t.client.execute(`SELECT count(*) AS n FROM jury_reviews WHERE entry_id = '${own}'`)).rows[0]?.n,
    ).toBe(0);
  });

  it('S11: two first saves at once store one review; a save on an older version is refused with the current one', async () => {
    const { t, demo } = await setUp();
    const cookie = await cookieOf(t, 'maria');
    const [entryId] = assignedTo(demo, 'maria');
    const path = `${base}/entries/${entryId}/review`;
    const [a, b] = await Promise.all([
      post(t, cookie, path, { version: 0, scores, commentForJury: 'first' }),
      post(t, cookie, path, { version: 0, scores, commentForJury: 'second' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const rows = await t.client.execute(
      `SELECT version, comment_for_jury FROM jury_reviews WHERE entry_id = '${entryId}'`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.version).toBe(1);
    const loser = (await (a.status === 409 ? a : b).json()) as {
      code: string;
      details: { current: { version: number; commentForJury: string } };
    };
    expect(loser.code).toBe('jury.versionConflict');
    expect(loser.details.current).toMatchObject({ version: 1, commentForJury: rows.rows[0]?.comment_for_jury });
    // The next save names version 1; a save still on version 0 (another tab) is refused.
    const saved = await post(t, cookie, path, {
      version: 1,
      scores,
      commentForJury: 'edited',
      commentForEntrant: 'Well done',
    });
    expect(((await saved.json()) as { review: { version: number } }).review.version).toBe(2);
    const stale = await post(t, cookie, path, { version: 1, scores, commentForJury: 'stale tab' });
    expect(stale.status).toBe(409);
    const stored = await t.client.execute(
      `SELECT version, comment_for_jury, comment_for_entrant FROM jury_reviews WHERE entry_id = '${entryId}'`,
    );
    expect(stored.rows.map((r) => [r.version, r.comment_for_jury, r.comment_for_entrant])).toEqual([
      [2, 'edited', 'Well done'],
    ]);
    const audited = await t.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'jury.review.saved'");
    expect(audited.rows[0]?.n).toBe(2);
  });

  it('S11: no saving before the round opens or after it closes (server clock)', async () => {
    const { t, demo } = await setUp();
    const [entryId] = assignedTo(demo, 'maria');
    t.advance(14 * DAY);
    const cookie = await cookieOf(t, 'maria');
    const late = await post(t, cookie, `${base}/entries/${entryId}/review`, { version: 0, scores });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('jury.roundClosed');
    expect((await t.client.execute('SELECT count(*) AS n FROM jury_reviews')).rows[0]?.n).toBe(0);
  });

  it('validates scores against the rubric and asks for every criterion before submitting', async () => {
    const { t, demo } = await setUp();
    const cookie = await cookieOf(t, 'jan');
    const [entryId] = assignedTo(demo, 'jan');
    const path = `${base}/entries/${entryId}/review`;
    const off = await post(t, cookie, path, { version: 0, scores: { accuracy: 9 } });
    expect(off.status).toBe(422);
    expect(((await off.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      expect.objectContaining({ field: 'scores.accuracy', code: 'jury.scoreInvalid' }),
    ]);
    // Every problem at once: a score off its scale beside one that is not a number and an unknown verdict.
    const several = await post(t, cookie, path, {
      version: 0,
      scores: { accuracy: 9, balance: 'x' },
      verdict: 'maybe',
    });
    expect(several.status).toBe(422);
    expect(
      ((await several.json()) as { fields: { field: string; code: string }[] }).fields.map((f) => [f.field, f.code]),
    ).toEqual([
      ['scores.accuracy', 'jury.scoreInvalid'],
      ['scores.balance', 'jury.scoreInvalid'],
      ['verdict', 'jury.verdict'],
    ]);
    const incomplete = await post(t, cookie, path, { version: 0, scores: { accuracy: 3 }, submit: true });
    expect(((await incomplete.json()) as { code: string }).code).toBe('jury.incomplete');
    // Abstaining on the whole entry needs no scores.
    expect((await post(t, cookie, path, { version: 0, abstained: true, submit: true })).status).toBe(200);
  });

  it("shows others' scores only after the juror submitted their own (round visibility afterOwn), without names", async () => {
    const { t, demo } = await setUp();
    const entryId = demo.assignments[0]!.entryId;
    const [first, second] = demo.assignments.filter((a) => a.entryId === entryId).map((a) => a.jurorId);
    const key = (id: string) => id.replace('demo-juror-', '');
    const c1 = await cookieOf(t, key(first!));
    const c2 = await cookieOf(t, key(second!));
    await post(t, c1, `${base}/entries/${entryId}/review`, {
      version: 0,
      scores,
      submit: true,
      commentForEntrant: 'private',
    });
    const before = (await (await get(t, c2, `${base}/entries/${entryId}`)).json()) as { others: unknown[] };
    expect(before.others).toEqual([]);
    await post(t, c2, `${base}/entries/${entryId}/review`, { version: 0, scores, submit: true });
    const after = (await (await get(t, c2, `${base}/entries/${entryId}`)).json()) as {
      others: { juror: string; scores: unknown; commentForEntrant?: string }[];
    };
    expect(after.others).toHaveLength(1);
    expect(after.others[0]?.juror).toBe('#1');
    expect(after.others[0]?.commentForEntrant).toBeUndefined();
  });

  it('"next" serves the entry with the fewest submitted reviews', async () => {
    const { t, demo } = await setUp();
    const mine = assignedTo(demo, 'maria');
    expect(mine.length).toBeGreaterThan(1);
    // Another juror submits on Mária's first entry; "next" then prefers one with fewer reviews.
    const other = demo.assignments.find((a) => a.entryId === mine[0] && a.jurorId !== demoIds.juror('maria'))!;
    await post(t, await cookieOf(t, other.jurorId.replace('demo-juror-', '')), `${base}/entries/${mine[0]}/review`, {
      version: 0,
      scores,
      submit: true,
    });
    const next = (await (await get(t, await cookieOf(t, 'maria'), `${base}/next`)).json()) as { entryId: string };
    expect(next.entryId).toBe(mine[1]);
  });

  it('managers create rounds in Bratislava time; jurors and strangers may not', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const round = {
      position: 2,
      kind: 'ranked',
      name: { sk: 'Finále', en: 'Final', uk: 'Фінал' },
      opensAt: '2027-03-30T09:00',
      closesAt: '2027-03-31T23:59',
      source: 'shortlist',
      shortlistSize: 3,
      perEntry: 5,
      visibility: 'never',
    };
    const created = await post(t, mgr, '/api/jury/manage/editions/2026/rounds', round);
    expect(created.status).toBe(201);
    const list = (await (await get(t, mgr, '/api/jury/manage/editions/2026/rounds')).json()) as {
      rounds: { position: number; closesAt: string; closesLocal: string }[];
    };
    expect(list.rounds.map((r) => [r.position, r.closesAt, r.closesLocal])).toEqual([
      [1, expect.any(String), expect.any(String)],
      [2, '2027-03-31T21:59:00.000Z', '2027-03-31T23:59'],
    ]);
    expect((await post(t, mgr, '/api/jury/manage/editions/2026/rounds', round)).status).toBe(422);
    const backwards = await post(t, mgr, '/api/jury/manage/editions/2026/rounds', {
      ...round,
      position: 3,
      closesAt: '2027-03-29T10:00',
    });
    expect(((await backwards.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('closesAt');
    const juror = await cookieOf(t, 'maria');
    expect((await post(t, juror, '/api/jury/manage/editions/2026/rounds', { ...round, position: 4 })).status).toBe(403);
    expect((await t.request('/api/jury/manage/editions/2026/rounds')).status).toBe(401);
  });

  it('reminds jurors with unfinished work 3 days and 1 day before the close, once each, in their language', async () => {
    const { t, demo } = await setUp();
    const withWork = new Set(demo.assignments.map((a) => a.jurorId)).size;
    const reminders = async () =>
      (
        await t.client.execute(
          'SELECT recipient AS "to", subject FROM outbox WHERE kind = \'jury.reminder\' AND sent_at IS NOT NULL',
        )
      ).rows;
    await runScheduled(t.deps);
    expect(await reminders()).toHaveLength(0);
    t.advance(11 * DAY + 60_000); // 3 days less a minute before the close
    await runScheduled(t.deps);
    await runScheduled(t.deps);
    expect(await reminders()).toHaveLength(withWork);
    const oleksandr = (await reminders()).find((m) => m.to === 'oleksandr.bondar@jury.example.org');
    expect(String(oleksandr?.subject)).toMatch(/^Журі: оцініть ще \d+ заяв(ку|ки|ок) до /);
    t.advance(2 * DAY);
    await runScheduled(t.deps);
    await runScheduled(t.deps);
    expect(await reminders()).toHaveLength(withWork * 2);
  });

  it('a manager reminds one juror by hand', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const sent = await post(t, mgr, `/api/jury/manage/editions/2026/rounds/${ROUND}/remind`, {
      jurorId: demoIds.juror('jan'),
    });
    expect(((await sent.json()) as { status: string }).status).toBe('sent');
    expect((await t.mailbox.list()).map((m) => m.to)).toEqual(['jan.novak@jury.example.org']);
  });

  it('a shortlist round takes exactly the shortlist recorded from the round before (top 1 by weighted mean score)', async () => {
    const { t, demo } = await setUp();
    const mgr = await manager(t);
    // Two written entries scored in round 1: entry 1 high, entry 4 low (by their first juror each).
    const written = [demoIds.entry(0), demoIds.entry(3)];
    for (const [i, entryId] of written.entries()) {
      const pair = demo.assignments.find((a) => a.entryId === entryId)!;
      const cookie = await cookieOf(t, pair.jurorId.replace('demo-juror-', ''));
      const value = i === 0 ? 5 : 2;
      const body = {
        version: 0,
        submit: true,
        scores: { accuracy: value, balance: value, language: value, originality: value, craft: value },
      };
      expect((await post(t, cookie, `${base}/entries/${entryId}/review`, body)).status).toBe(200);
    }
    // Nothing is taken until managers record the shortlist (functions/results/shortlist.service.ts).
    const shortlisted = await post(t, mgr, `/api/ballots/manage/editions/2026/rounds/${ROUND}/shortlist`, {
      way: 'top',
      n: 1,
    });
    expect(shortlisted.status).toBe(200);
    const created = await post(t, mgr, '/api/jury/manage/editions/2026/rounds', {
      position: 2,
      kind: 'ranked',
      name: { sk: 'Finále', en: 'Final', uk: 'Фінал' },
      opensAt: '2026-12-20T09:00',
      closesAt: '2026-12-31T23:59',
      source: 'shortlist',
      shortlistSize: 1,
      perEntry: 2,
      visibility: 'never',
    });
    const { id } = (await created.json()) as { id: string };
    const run = (await (await post(t, mgr, `/api/jury/manage/editions/2026/rounds/${id}/assign`, {})).json()) as {
      assignments: number;
    };
    expect(run.assignments).toBe(2);
    const taken = await t.client.execute(`SELECT DISTINCT entry_id FROM jury_assignments WHERE round_id = '${id}'`);
    expect(taken.rows.map((r) => r.entry_id)).toEqual([demoIds.entry(0)]);
  });
});
