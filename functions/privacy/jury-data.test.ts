import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { feedbackMails, placements, publications, shortlist } from '../db/schema/index.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { erasePersonalData } from './data-rights.service.ts';
import { createJurorWithRecords, createUser, sessionCookie } from '../testing/factories.ts';

const AT = new Date('2026-10-01T08:00:00Z');
const ISO = AT.toISOString();
const [E1, E2, E3] = [demoIds.entry(0), demoIds.entry(3), demoIds.entry(7)];

async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  await insertDemoJury(t.db, t.deps.clock());
  const userId = await createUser(t.db, {
    id: 'olena',
    email: 'olena@example.org',
    roles: [{ role: 'juror', scope: 'edition:2026' }],
  });
  const jurorId = await createJurorWithRecords(t.db, {
    userId,
    editionId: '2026',
    roundId: demoIds.round,
    categoryId: '2026-written',
    entryIds: [E1, E2],
    recusedEntryId: E3,
    at: AT,
  });
  const cookie = await sessionCookie(t.db, userId, t.deps.clock());
  return { t, userId, jurorId, cookie };
}

type T = Awaited<ReturnType<typeof createTestApp>>;
/** Rows per jury table: the juror's own (`juror_id = ?`) and all. */
async function counts(t: T, jurorId: string) {
  const out: Record<string, [number, number]> = {};
  for (const table of [
    'jury_jurors',
    'jury_declared_conflicts',
    'jury_entry_conflicts',
    'jury_assignments',
    'jury_reviews',
    'jury_ballots',
    'jury_reminders',
  ]) {
    const column = table === 'jury_jurors' ? 'id' : 'juror_id';
    const r = await t.client.execute({
      sql: `SELECT (SELECT count(*) FROM ${table} WHERE ${column} = ?) AS mine, (SELECT count(*) FROM ${table}) AS total`,
      args: [jurorId],
    });
    out[table] = [Number(r.rows[0]?.mine), Number(r.rows[0]?.total)];
  }
  return out;
}

/** The jury tables after `setUp`: [the juror's rows, all rows]. */
const BEFORE = {
  jury_jurors: [1, 7],
  jury_declared_conflicts: [1, 3],
  jury_entry_conflicts: [1, 1],
  jury_assignments: [1, 23],
  jury_reviews: [2, 2],
  jury_ballots: [1, 1],
  jury_reminders: [1, 1],
};

describe('S19 data rights: the jury and results records', () => {
  it('exports the juror profile, conflicts, assignments, reviews, ballots, reminders and results rows', async () => {
    const { t, userId, jurorId, cookie } = await setUp();
    await t.db.insert(shortlist).values({
      id: 'sl-1',
      roundId: demoIds.round,
      entryId: E1,
      way: 'chosen',
      reason: 'Bold topic.',
      meanScore: 3.5,
      addedBy: userId,
      addedAt: AT,
    });
    await t.db.insert(publications).values({
      editionId: '2026',
      state: 'locked',
      lockedBy: userId,
      lockedAt: AT,
      createdAt: AT,
      updatedAt: AT,
    });
    await t.db.insert(placements).values({
      entryId: E1,
      editionId: '2026',
      categoryId: '2026-written',
      place: 'winner',
      single: 'winner',
      recordedBy: userId,
      updatedAt: AT,
    });

    const response = await t.request('/api/auth/me/export', { headers: { cookie } });
    expect(response.status).toBe(200);
    const data = (await response.json()) as Record<string, unknown>;
    expect(data.jury).toEqual({
      jurors: [
        {
          id: jurorId,
          editionId: '2026',
          invitedAt: ISO,
          acceptedAt: ISO,
          languages: [{ code: 'uk', level: 'native' }],
          expertise: ['2026-written'],
          bio: 'Reporter in Kharkiv.',
          employer: 'Ukrainska Pravda',
          cap: 12,
          passkeyPromptDismissedAt: null,
          createdAt: ISO,
          updatedAt: ISO,
        },
      ],
      declaredConflicts: [{ jurorId, kind: 'person', name: 'Ivan Petrenko', createdAt: ISO }],
      entryConflicts: [{ jurorId, entryId: E3, source: 'recusal', reason: 'My cousin edited it.', createdAt: ISO }],
      assignments: [{ jurorId, roundId: demoIds.round, entryId: E1, source: 'auto', quality: 0.75, createdAt: ISO }],
      reviews: [
        {
          jurorId,
          roundId: demoIds.round,
          entryId: E1,
          version: 1,
          state: 'submitted',
          scores: { accuracy: 4 },
          verdict: null,
          rank: null,
          abstained: false,
          commentForJury: 'Strong sourcing.',
          commentForEntrant: 'Clear and careful.',
          createdAt: ISO,
          updatedAt: ISO,
          submittedAt: ISO,
        },
        {
          jurorId,
          roundId: demoIds.round,
          entryId: E2,
          version: 1,
          state: 'draft',
          scores: { accuracy: 2 },
          verdict: null,
          rank: null,
          abstained: false,
          commentForJury: 'Half a thought',
          commentForEntrant: '',
          createdAt: ISO,
          updatedAt: ISO,
          submittedAt: null,
        },
      ],
      ballots: [
        {
          jurorId,
          roundId: demoIds.round,
          categoryId: '2026-written',
          version: 1,
          state: 'submitted',
          ranks: { [E1]: 1, [E2]: 2 },
          createdAt: ISO,
          updatedAt: ISO,
          submittedAt: ISO,
        },
      ],
      reminders: [{ jurorId, roundId: demoIds.round, kind: 'lastDay', sentAt: ISO }],
    });
    expect(data.results).toEqual({
      shortlistAdded: [
        { roundId: demoIds.round, entryId: E1, way: 'chosen', reason: 'Bold topic.', meanScore: 3.5, addedAt: ISO },
      ],
      publications: [
        {
          editionId: '2026',
          state: 'locked',
          lockedAt: ISO,
          publishedAt: null,
          lockedByMe: true,
          publishedByMe: false,
        },
      ],
      placementsRecorded: [
        { entryId: E1, editionId: '2026', categoryId: '2026-written', place: 'winner', updatedAt: ISO },
      ],
    });
    expect(data.competition).toEqual({ entries: [], extensions: [], placements: [], feedbackMails: [] });
  });

  it('exports an entrant’s places and feedback mails with the entry’s fields', async () => {
    const { t } = await setUp();
    await t.db.insert(placements).values({
      entryId: E1,
      editionId: '2026',
      categoryId: '2026-written',
      place: 'second',
      single: 'second',
      recordedBy: 'manager',
      updatedAt: AT,
    });
    await t.db.insert(feedbackMails).values({ entryId: E1, editionId: '2026', publishRun: 'run', queuedAt: AT });
    const cookie = await sessionCookie(t.db, demoIds.entrant(0), t.deps.clock());
    const data = (await (await t.request('/api/auth/me/export', { headers: { cookie } })).json()) as {
      competition: { entries: Record<string, unknown>[]; placements: unknown; feedbackMails: unknown };
    };
    expect(data.competition.entries.map((e) => [e.id, e.title, e.outlet, 'entrantId' in e, 'seq' in e])).toEqual([
      [E1, 'Cudzinecká polícia zblízka', 'Denník N', false, false],
    ]);
    expect(data.competition.placements).toEqual([{ entryId: E1, place: 'second', updatedAt: ISO }]);
    expect(data.competition.feedbackMails).toEqual([{ entryId: E1, queuedAt: ISO }]);
  });

  it('before the results are published, erasure removes every jury row of the person in one batch', async () => {
    const { t, jurorId, cookie } = await setUp();
    // [the juror's rows, all rows]: the demo jury of 2026 holds the others.
    expect(await counts(t, jurorId)).toEqual(BEFORE);
    const erased = await t.request('/api/auth/me/erase', postJson({}, { cookie }));
    expect(await erased.json()).toEqual({ status: 'erased' });
    expect(await counts(t, jurorId)).toEqual({
      jury_jurors: [0, 6],
      jury_declared_conflicts: [0, 2],
      jury_entry_conflicts: [0, 0],
      jury_assignments: [0, 22],
      jury_reviews: [0, 0],
      jury_ballots: [0, 0],
      jury_reminders: [0, 0],
    });
    const users = await t.client.execute(
      "SELECT count(*) AS n FROM users WHERE id = 'olena' OR email LIKE '%@erased.invalid'",
    );
    expect(Number(users.rows[0]?.n)).toBe(0);
    // The managers are told the 2026 jury lost a juror (re-run the assignment).
    const log = await t.client.execute(
      "SELECT object_type, object_id, details FROM audit_log WHERE action = 'user.erased' ORDER BY rowid",
    );
    expect(
      log.rows.map((r) => [
        r.object_type,
        String(r.object_id).startsWith('erased:') ? 'erased:…' : r.object_id,
        r.details,
      ]),
    ).toEqual([
      ['user', 'erased:…', '{"jurorsPseudonymised":0,"jurorsRemoved":1}'],
      ['edition', '2026', '{"jurorRemoved":true}'],
    ]);
  });

  it('erasure is one batch: a failure in the middle leaves every jury row and the account as they were', async () => {
    const { t, userId, jurorId } = await setUp();
    await t.db.insert(publications).values({ editionId: '2026', state: 'published', createdAt: AT, updatedAt: AT });
    // The tombstone's id is taken: its insert, mid-batch, fails.
    const pseudonym = `erased:${(await sha256Hex(`${userId}:${t.deps.clock().getTime()}`)).slice(0, 16)}`;
    await createUser(t.db, { id: pseudonym, email: 'clash@example.org' });
    await expect(erasePersonalData(t.deps, userId)).rejects.toThrow();
    expect(await counts(t, jurorId)).toEqual(BEFORE);
    const left = await t.client.execute("SELECT bio, user_id FROM jury_jurors WHERE id = 'juror-olena'");
    expect(left.rows.map((r) => [r.bio, r.user_id])).toEqual([['Reporter in Kharkiv.', 'olena']]);
  });

  it('after the results are published, erasure keeps the submitted scores, detached from the person', async () => {
    const { t, jurorId, cookie } = await setUp();
    await t.db.insert(publications).values({
      editionId: '2026',
      state: 'published',
      publishedAt: AT,
      createdAt: AT,
      updatedAt: AT,
    });
    // E1's feedback was mailed: the entrant holds the comment, so it stays.
    await t.db.insert(feedbackMails).values({ entryId: E1, editionId: '2026', publishRun: 'run', queuedAt: AT });
    const erased = await t.request('/api/auth/me/erase', postJson({}, { cookie }));
    expect(await erased.json()).toEqual({ status: 'erased' });
    expect(await counts(t, jurorId)).toEqual({
      jury_jurors: [1, 7],
      jury_declared_conflicts: [0, 2],
      jury_entry_conflicts: [1, 1],
      jury_assignments: [1, 23],
      jury_reviews: [1, 1],
      jury_ballots: [1, 1],
      jury_reminders: [0, 0],
    });
    const juror = await t.client.execute(
      "SELECT j.user_id, j.bio, j.employer, j.cap, j.languages, u.email, u.display_name, u.status FROM jury_jurors j JOIN users u ON u.id = j.user_id WHERE j.id = 'juror-olena'",
    );
    const [row] = juror.rows;
    expect(String(row?.user_id)).toMatch(/^erased:[0-9a-f]{16}$/);
    expect(String(row?.email)).toBe(`${String(row?.user_id).replace(':', '-')}@erased.invalid`);
    expect([row?.bio, row?.employer, row?.cap, row?.languages, row?.display_name, row?.status]).toEqual([
      '',
      '',
      null,
      '[{"code":"uk","level":"native"}]',
      null,
      'disabled',
    ]);
    const review = await t.client.execute(
      "SELECT entry_id, state, scores, comment_for_jury, comment_for_entrant FROM jury_reviews WHERE juror_id = 'juror-olena'",
    );
    expect(review.rows.map((r) => Object.values(r))).toEqual([
      [E1, 'submitted', '{"accuracy":4}', '', 'Clear and careful.'],
    ]);
    const recusal = await t.client.execute(
      "SELECT entry_id, reason FROM jury_entry_conflicts WHERE juror_id = 'juror-olena'",
    );
    expect(recusal.rows.map((r) => Object.values(r))).toEqual([[E3, '']]);
    const others = await t.client.execute(
      "SELECT count(*) AS n FROM users WHERE id = 'olena' OR email = 'olena@example.org'",
    );
    expect(Number(others.rows[0]?.n)).toBe(0);
    expect(JSON.stringify((await t.client.execute('SELECT * FROM jury_jurors')).rows)).not.toMatch(
      /Kharkiv|Pravda|"user_id":"olena"/,
    );
  });

  it('after publication, a comment for the entrant not yet delivered is cleared', async () => {
    const { t, userId } = await setUp();
    await t.db.insert(publications).values({ editionId: '2026', state: 'published', createdAt: AT, updatedAt: AT });
    expect(await erasePersonalData(t.deps, userId)).toBe(true);
    const review = await t.client.execute(
      "SELECT comment_for_entrant FROM jury_reviews WHERE juror_id = 'juror-olena'",
    );
    expect(review.rows.map((r) => r.comment_for_entrant)).toEqual(['']);
  });
});
