import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoBallotIds, insertDemoBallots } from './demo-ballots.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const DAY = 24 * 60 * 60_000;
const ROUND1 = demoIds.round;
const FINAL = demoBallotIds.round;
const WRITTEN = demoBallotIds.written;
const VIDEO = demoBallotIds.video;
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
async function manager(t: T) {
  const id = await createUser(t.db, {
    email: 'manager@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
  });
  return sessionCookie(t.db, id, t.deps.clock());
}
const rows = async (t: T, query: string) => (await t.client.execute(query)).rows;

/** Submits a rubric review of `entryId` in round 1 by its first assigned juror, every criterion `value`. */
async function score(t: T, jury: Awaited<ReturnType<typeof insertDemoJury>>, entryId: string, value: number) {
  const pair = jury.assignments.find((a) => a.entryId === entryId)!;
  const cookie = await cookieOf(t, pair.jurorId.replace('demo-juror-', ''));
  const body = {
    version: 0,
    submit: true,
    scores: { accuracy: value, balance: value, language: value, originality: value, craft: value },
  };
  const saved = await post(t, cookie, `/api/jury/editions/2026/rounds/${ROUND1}/entries/${entryId}/review`, body);
  expect(saved.status).toBe(200);
}

const shortlistPath = `/api/ballots/manage/editions/2026/rounds/${ROUND1}/shortlist`;

describe('shortlist (issue 13 item 4)', () => {
  it('top N per category: a tie at the cut is shown and must be decided; moving is one action, audited, idempotent; the next round takes exactly the list', async () => {
    const { t, jury } = await setUp({ final: false });
    const mgr = await manager(t);
    // Written: entries 1 and 4 tie at 4, entry 8 scores 2, entry 12 scores 5. Video: 2 scores 3.
    await score(t, jury, e(1), 4);
    await score(t, jury, e(4), 4);
    await score(t, jury, e(8), 2);
    await score(t, jury, e(12), 5);
    await score(t, jury, e(2), 3);
    const view = (await (await get(t, mgr, `${shortlistPath}?n=2`)).json()) as {
      n: number;
      categories: {
        categoryId: string;
        cut: { above: string[]; tied: string[]; placesLeft: number };
        entries: { entryId: string; place: number | null; mean: number | null }[];
      }[];
    };
    expect(view.n).toBe(2);
    const written = view.categories.find((c) => c.categoryId === '2026-written')!;
    expect(written.cut).toMatchObject({ above: [e(12)], tied: [e(1), e(4)], placesLeft: 1 });
    expect(written.entries.map((x) => [x.entryId, x.place, x.mean])).toEqual([
      [e(12), 1, 1],
      [e(1), 2, 0.75],
      [e(4), 2, 0.75],
      [e(8), 4, 0.25],
    ]);
    // Undecided: refused with the category's field, nothing stored.
    const undecided = await post(t, mgr, shortlistPath, { way: 'top', n: 2, lang: 'en' });
    expect(undecided.status).toBe(422);
    expect(((await undecided.json()) as { fields: unknown }).fields).toEqual([
      {
        field: 'ties.2026-written',
        code: 'shortlist.tieUndecided',
        message: 'Entries tie at the cut: choose which of them go on (as many as places are left, or all of them).',
      },
    ]);
    expect(await rows(t, 'SELECT * FROM jury_shortlist')).toHaveLength(0);
    // Decided (entry 4 takes the place left): written 12 and 4; video 2 (the only scored one).
    const moved = await post(t, mgr, shortlistPath, { way: 'top', n: 2, ties: [e(4)] });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { added: string[] }).added.sort()).toEqual([e(12), e(2), e(4)].sort());
    const listed = async () =>
      (await rows(t, 'SELECT entry_id, way, reason, mean_score FROM jury_shortlist ORDER BY entry_id')).map((r) => [
        r.entry_id,
        r.way,
        r.reason,
        r.mean_score,
      ]);
    expect(await listed()).toEqual([
      [e(2), 'top', '', 0.5],
      [e(4), 'top', '', 0.75],
      [e(12), 'top', '', 1],
    ]);
    // Again: nothing added twice.
    const again = await post(t, mgr, shortlistPath, { way: 'top', n: 2, ties: [e(4)] });
    expect(((await again.json()) as { added: string[] }).added).toEqual([]);
    expect(await listed()).toHaveLength(3);
    const audited = await rows(
      t,
      "SELECT action, details FROM audit_log WHERE action LIKE 'jury.shortlist.%' ORDER BY at, rowid",
    );
    expect(audited.map((r) => [r.action, JSON.parse(String(r.details)).added])).toEqual([
      ['jury.shortlist.moved', 3],
      ['jury.shortlist.moved', 0],
    ]);
    // The next round (source shortlist) takes exactly these three.
    const created = await post(t, mgr, '/api/jury/manage/editions/2026/rounds', {
      position: 2,
      kind: 'ranked',
      name: { sk: 'Finále', en: 'Final', uk: 'Фінал' },
      opensAt: '2026-12-20T09:00',
      closesAt: '2026-12-31T23:59',
      source: 'shortlist',
      shortlistSize: 2,
      perEntry: 1,
      visibility: 'never',
    });
    const { id } = (await created.json()) as { id: string };
    await post(t, mgr, `/api/jury/manage/editions/2026/rounds/${id}/assign`, {});
    const taken = await rows(t, `SELECT DISTINCT entry_id FROM jury_assignments WHERE round_id = '${id}' ORDER BY 1`);
    expect(taken.map((r) => r.entry_id)).toEqual([e(2), e(4), e(12)].sort());
  });

  it('chosen entries need a reason each (logged); removal needs a reason too; a started next round fixes the list', async () => {
    const { t } = await setUp({ final: false });
    const mgr = await manager(t);
    const noReason = await post(t, mgr, shortlistPath, {
      way: 'chosen',
      entries: [e(3), e(9)],
      reasons: { [e(3)]: 'Strong local angle', [e(9)]: ' ' },
      lang: 'sk',
    });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: `reasons.${e(9)}`, code: 'shortlist.reasonRequired', message: 'Uveďte dôvod (aspoň tri znaky).' },
    ]);
    expect(await rows(t, 'SELECT * FROM jury_shortlist')).toHaveLength(0);
    const chosen = await post(t, mgr, shortlistPath, {
      way: 'chosen',
      entries: [e(3), e(9)],
      reasons: { [e(3)]: 'Strong local angle', [e(9)]: 'Only audio piece from a region' },
    });
    expect(chosen.status).toBe(200);
    const logged = await rows(
      t,
      "SELECT object_id, details FROM audit_log WHERE action = 'jury.shortlist.chosen' ORDER BY object_id",
    );
    expect(logged.map((r) => [r.object_id, JSON.parse(String(r.details)).reason])).toEqual([
      [e(3), 'Strong local angle'],
      [e(9), 'Only audio piece from a region'],
    ]);
    // An entry not in the round answers like a missing one.
    const stranger = await post(t, mgr, shortlistPath, { way: 'chosen', entries: ['nope'], reasons: { nope: 'xyz' } });
    expect(stranger.status).toBe(404);
    const remove = `${shortlistPath}/remove`;
    expect((await post(t, mgr, remove, { entryId: e(9), reason: '' })).status).toBe(422);
    expect((await post(t, mgr, remove, { entryId: e(9), reason: 'Rules: over length' })).status).toBe(200);
    expect((await post(t, mgr, remove, { entryId: e(9), reason: 'Rules: over length' })).status).toBe(404);
    const removed = await rows(t, "SELECT object_id, details FROM audit_log WHERE action = 'jury.shortlist.removed'");
    expect(removed.map((r) => [r.object_id, JSON.parse(String(r.details)).reason])).toEqual([
      [e(9), 'Rules: over length'],
    ]);
    expect((await rows(t, 'SELECT entry_id FROM jury_shortlist')).map((r) => r.entry_id)).toEqual([e(3)]);
  });

  it('once the next round has ballots, the shortlist is fixed (409)', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const semifinal = `/api/ballots/manage/editions/2026/rounds/${demoBallotIds.semifinal}/shortlist`;
    const refused = await post(t, mgr, `${semifinal}/remove`, { entryId: e(1), reason: 'Changed our mind' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('shortlist.nextRoundStarted');
  });

  it('only managers of the edition: jurors 403, strangers 401', async () => {
    const { t } = await setUp({ final: false });
    const juror = await cookieOf(t, 'maria');
    expect((await get(t, juror, shortlistPath)).status).toBe(403);
    expect((await post(t, juror, shortlistPath, { way: 'top', n: 1 })).status).toBe(403);
    expect((await t.request(shortlistPath)).status).toBe(401);
    const other = await createUser(t.db, {
      email: 'other@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2027' }],
    });
    expect((await get(t, await sessionCookie(t.db, other, t.deps.clock()), shortlistPath)).status).toBe(403);
  });
});

const ballotPath = (category: string) => `/api/ballots/editions/2026/rounds/${FINAL}/categories/${category}`;

describe('ranked ballots (issue 13 item 5)', () => {
  it('a juror ranks a whole category on one ballot: blind, without entries in conflict', async () => {
    const { t } = await setUp();
    const maria = await cookieOf(t, 'maria');
    const mine = (await (await get(t, maria, `/api/ballots/editions/2026/rounds/${FINAL}`)).json()) as {
      ballots: { categoryId: string; entries: number; ballot: unknown }[];
    };
    expect(mine.ballots.map((b) => [b.categoryId, b.entries, b.ballot])).toEqual([
      [WRITTEN, 3, { state: 'submitted', version: 1 }],
      [VIDEO, 2, { state: 'submitted', version: 1 }],
    ]);
    const page = (await (await get(t, maria, ballotPath(WRITTEN))).json()) as {
      entries: Record<string, unknown>[];
      ballot: { ranks: Record<string, number | null> };
    };
    // Entry 1 (her employer's) is not on her ballot; no identifying field is sent (S08, S09).
    expect(page.entries.map((x) => x.id)).toEqual([e(4), e(8), e(12)]);
    expect(Object.keys(page.entries[0]!).sort()).toEqual(
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
    expect(page.ballot.ranks).toEqual({ [e(4)]: 3, [e(8)]: 2, [e(12)]: 1 });
    // Her conflicted entry's id in a save answers like a missing one.
    const sneaky = await post(t, maria, ballotPath(WRITTEN), { version: 1, ranks: { [e(1)]: 1 } });
    expect(sneaky.status).toBe(404);
    // A round that is not ranked has no ballots.
    expect((await get(t, maria, `/api/ballots/editions/2026/rounds/${ROUND1}`)).status).toBe(404);
  });

  it('reminds a juror of the ballots they have not submitted (one per category), not of entries', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const sent = await post(t, mgr, `/api/jury/manage/editions/2026/rounds/${FINAL}/remind`, {
      jurorId: demoIds.juror('eva'),
    });
    expect(((await sent.json()) as { status: string }).status).toBe('sent');
    const [mail] = await rows(t, "SELECT recipient, subject, body_text FROM outbox WHERE kind = 'jury.reminder'");
    expect(mail?.recipient).toBe('eva.horvath@jury.example.org');
    // Éva reads Slovak; the final has two categories and she has submitted neither ballot.
    expect(mail?.subject).toMatch(/^Porota: ešte 2 hlasovacie lístky na odovzdanie do /);
    expect(String(mail?.body_text)).toMatch(/zostávajú 2 hlasovacie lístky: v každej kategórii zoraďte prihlášky/);
  });

  it('versioned like reviews: two first saves store one; a stale version is refused with the stored ballot', async () => {
    const { t } = await setUp();
    const eva = await cookieOf(t, 'eva');
    const body = (rank: number) => ({ version: 0, ranks: { [e(2)]: rank, [e(6)]: '' }, submit: false });
    const [a, b] = await Promise.all([
      post(t, eva, ballotPath(VIDEO), body(1)),
      post(t, eva, ballotPath(VIDEO), body(2)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = await rows(
      t,
      `SELECT version, state, ranks FROM jury_ballots WHERE juror_id = '${demoIds.juror('eva')}'`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.version).toBe(1);
    const stale = await post(t, eva, ballotPath(VIDEO), { version: 0, ranks: { [e(2)]: 1 }, lang: 'en' });
    expect(stale.status).toBe(409);
    const refused = (await stale.json()) as { code: string; details: { current: { version: number } } };
    expect(refused.code).toBe('ballot.versionConflict');
    expect(refused.details.current.version).toBe(1);
    const submitted = await post(t, eva, ballotPath(VIDEO), {
      version: 1,
      ranks: { [e(2)]: 2, [e(6)]: 1 },
      submit: true,
    });
    expect(submitted.status).toBe(200);
    expect(((await submitted.json()) as { ballot: unknown }).ballot).toMatchObject({
      version: 2,
      state: 'submitted',
      ranks: { [e(2)]: 2, [e(6)]: 1 },
    });
    expect(
      await rows(t, "SELECT count(*) AS n FROM audit_log WHERE action = 'jury.ballot.saved'").then((r) => r[0]!.n),
    ).toBe(2);
  });

  it('validates ranks with translated field errors; an empty ballot cannot be submitted; closed rounds refuse', async () => {
    const { t } = await setUp();
    const eva = await cookieOf(t, 'eva');
    const tooHigh = await post(t, eva, ballotPath(VIDEO), {
      version: 0,
      ranks: { [e(2)]: 3, [e(6)]: 'x' },
      lang: 'uk',
    });
    expect(tooHigh.status).toBe(422);
    expect(((await tooHigh.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: `ranks.${e(6)}`, code: 'ballot.rankInvalid', message: expect.stringMatching(/^Оберіть місце/) },
    ]);
    const over = await post(t, eva, ballotPath(VIDEO), { version: 0, ranks: { [e(2)]: 3 } });
    expect(((await over.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
      `ranks.${e(2)}`,
    ]);
    const empty = await post(t, eva, ballotPath(VIDEO), { version: 0, ranks: {}, submit: true });
    expect(((await empty.json()) as { code: string }).code).toBe('ballot.empty');
    t.advance(15 * DAY);
    const late = await post(t, await cookieOf(t, 'eva'), ballotPath(VIDEO), { version: 0, ranks: { [e(2)]: 1 } });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('jury.roundClosed');
  });

  it('managers may not vote; jurors may not read the count', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    expect((await post(t, mgr, ballotPath(VIDEO), { version: 0, ranks: {} })).status).toBe(403);
    const maria = await cookieOf(t, 'maria');
    expect((await get(t, maria, `/api/ballots/manage/editions/2026/rounds/${FINAL}/ranking`)).status).toBe(403);
  });
});

describe('garbage in: a translated 4xx, never a 5xx (S21)', () => {
  it('refuses unreadable shortlist and ballot bodies with field errors; ignores a garbage n', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const noWay = await post(t, mgr, shortlistPath, { lang: 'en' });
    expect(noWay.status).toBe(422);
    expect(((await noWay.json()) as { fields: { code: string }[] }).fields.map((f) => f.code)).toEqual([
      'shortlist.way',
    ]);
    const badN = await post(t, mgr, shortlistPath, { way: 'top', n: 'many' });
    expect(((await badN.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'n', code: 'shortlist.size', message: expect.any(String) },
    ]);
    expect((await post(t, mgr, shortlistPath, { way: 'chosen', entries: [] })).status).toBe(422);
    const view = await get(t, mgr, `${shortlistPath}?n=%ZZ`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { n: number }).n).toBe(3);
    const eva = await cookieOf(t, 'eva');
    expect((await post(t, eva, ballotPath(VIDEO), { version: 'x', ranks: 'abc' })).status).toBe(422);
    expect((await post(t, eva, ballotPath('nope'), { version: 0, ranks: {} })).status).toBe(404);
    expect((await get(t, eva, `/api/ballots/editions/2026/rounds/nope`)).status).toBe(404);
    expect((await get(t, mgr, `/api/ballots/manage/editions/2026/rounds/${ROUND1}/ranking`)).status).toBe(409);
  });
});

describe('the mean place on ranked ballots (a shortlist from a ranked round)', () => {
  it('is minus the mean place, an unranked entry taking the place after the last ranked one', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const view = (await (
      await get(t, mgr, `/api/ballots/manage/editions/2026/rounds/${FINAL}/shortlist?n=1`)
    ).json()) as { categories: { entries: { entryId: string; mean: number | null; reviews: number }[] }[] };
    const written = view.categories[0]!.entries.map((x) => [x.entryId, x.mean, x.reviews]);
    // Entry 12: places 1, 1, 2, 1, 1 → −1.2; entry 1: 2, 1, 1, 3 → −1.75; entry 8: 2, 3, 3, 2 → −2.5;
    // entry 4: 3, 4, 2, and unranked on a ballot whose last place is 3 (so 4) → −3.25.
    expect(written).toEqual([
      [e(12), -1.2, 5],
      [e(1), -1.75, 4],
      [e(8), -2.5, 4],
      [e(4), -3.25, 4],
    ]);
  });
});

describe('the Schulze count of the demo final', () => {
  it('written: entry 12 wins despite three conflicts (omitted, not counted against); video: a tie broken by the seeded ranking', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    const answer = await get(t, mgr, `/api/ballots/manage/editions/2026/rounds/${FINAL}/ranking`);
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as {
      categories: {
        categoryId: string;
        candidates: string[];
        ballots: number;
        omitted: number;
        voters: number;
        drafts: number;
        d: number[][];
        p: number[][];
        tiers: string[][];
        order: string[];
        steps: { unbeaten: string[]; chosen: string }[];
        seed: string;
        tieBreakRanking: string[];
      }[];
    };
    const [written, video] = result.categories;
    expect(written!.candidates).toEqual([e(1), e(4), e(8), e(12)]);
    expect(written!.ballots).toBe(5);
    expect(written!.omitted).toBe(3);
    expect([written!.voters, written!.drafts]).toEqual([6, 0]);
    expect(written!.d).toEqual([
      [0, 3, 2, 1],
      [0, 0, 0, 0],
      [1, 3, 0, 0],
      [2, 4, 4, 0],
    ]);
    expect(written!.p).toEqual([
      [0, 3, 2, 0],
      [0, 0, 0, 0],
      [0, 3, 0, 0],
      [2, 4, 4, 0],
    ]);
    expect(written!.order).toEqual([e(12), e(1), e(8), e(4)]);
    expect(written!.tiers).toEqual([[e(12)], [e(1)], [e(8)], [e(4)]]);
    expect(video!.candidates).toEqual([e(2), e(6)]);
    expect(video!.d).toEqual([
      [0, 2],
      [2, 0],
    ]);
    expect(video!.tiers).toEqual([[e(2), e(6)]]);
    expect(video!.steps[0]!.unbeaten).toEqual([e(2), e(6)]);
    expect(video!.seed).toBe(`${FINAL}/${VIDEO}`);
    expect(video!.order).toEqual(video!.tieBreakRanking);
    expect(video!.omitted).toBe(1);
  });

  it('a conflict recorded after a ballot drops that entry from it at count time', async () => {
    const { t } = await setUp();
    const mgr = await manager(t);
    // Oleksandr ranked entry 1 second; a manager records a conflict now.
    const recorded = await post(t, mgr, '/api/jury/manage/editions/2026/conflicts', {
      jurorId: demoIds.juror('oleksandr'),
      entryId: e(1),
      reason: 'Worked with the author',
    });
    expect(recorded.status).toBe(201);
    const result = (await (await get(t, mgr, `/api/ballots/manage/editions/2026/rounds/${FINAL}/ranking`)).json()) as {
      categories: { omitted: number; d: number[][] }[];
    };
    expect(result.categories[0]!.omitted).toBe(4);
    // d[1][4] (entry 1 over entry 4) loses Oleksandr's preference: 3 → 2.
    expect(result.categories[0]!.d[0]).toEqual([0, 2, 1, 1]);
  });
});
