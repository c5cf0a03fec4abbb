// The juror's profile (languages, expertise, bio, employer, declared conflicts), the passkey
// prompt, the managers' conflicts (record, list, remove) and the files kept from blind rounds.
import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { entryFiles, passkeys } from '../db/schema/index.ts';
import { DEMO_RESULTS_ROUND, insertDemoResults } from '../results/demo-results.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const ROUND = demoIds.round;
const me = '/api/jury/editions/2026/me';
const manage = '/api/jury/manage/editions/2026';

async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const demo = await insertDemoJury(t.db, t.deps.clock());
  return { t, demo };
}
const cookieOf = (t: T, key: string) => sessionCookie(t.db, demoIds.jurorUser(key), t.deps.clock());
const get = (t: T, cookie: string, path: string) => t.request(path, { headers: { cookie } });
const post = (t: T, cookie: string, path: string, body: unknown) => t.request(path, postJson(body, { cookie }));
async function managerCookie(t: T, scope = 'edition:2026', email = 'manager@example.org') {
  const id = await createUser(t.db, { email, roles: [{ role: 'competition_manager', scope }] });
  return sessionCookie(t.db, id, t.deps.clock());
}
const audited = async (t: T, prefix: string) =>
  (
    await t.client.execute({
      sql: 'SELECT action, object_id, details FROM audit_log WHERE action LIKE ? ORDER BY at, rowid',
      args: [`${prefix}%`],
    })
  ).rows.map((r) => [r.action, r.object_id, JSON.parse(String(r.details))]);

type Me = {
  profile: {
    languages: { code: string; level: string }[];
    expertise: string[];
    bio: string;
    employer: string;
    declared: { id: string; kind: string; name: string }[];
  };
  choices: { languages: string[]; categories: { id: string; name: Record<string, string> }[] };
  passkeyPrompt: boolean;
};

describe('the juror profile', () => {
  it("offers the edition's languages and categories, and saves languages with levels, expertise ids, bio and employer", async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'oleksandr');
    const before = (await (await get(t, cookie, me)).json()) as Me;
    expect(before.choices.languages).toEqual(['cs', 'de', 'en', 'hu', 'pl', 'ro', 'sk', 'uk']);
    expect(before.choices.categories.map((c) => [c.id, c.name.en])).toEqual([
      ['2026-written', 'Written and online journalism'],
      ['2026-video', 'Video'],
      ['2026-audio', 'Audio and radio'],
      ['2026-photo', 'Photography'],
      ['2026-student', 'Student journalism'],
    ]);
    const saved = await post(t, cookie, '/api/jury/editions/2026/profile', {
      languages: [
        { code: 'uk', level: 'native' },
        { code: 'sk', level: 'reading' },
      ],
      expertise: ['2026-video', '2026-photo'],
      bio: '  Video journalist, Kharkiv.  ',
      employer: 'Hromadske',
    });
    expect(saved.status).toBe(200);
    const after = (await (await get(t, cookie, me)).json()) as Me;
    expect(after.profile).toMatchObject({
      languages: [
        { code: 'uk', level: 'native' },
        { code: 'sk', level: 'reading' },
      ],
      expertise: ['2026-video', '2026-photo'],
      bio: 'Video journalist, Kharkiv.',
      employer: 'Hromadske',
    });
    expect(await audited(t, 'jury.juror.profileSaved')).toEqual([
      ['jury.juror.profileSaved', demoIds.juror('oleksandr'), {}],
    ]);
  });

  it('refuses, field by field and in the form language, what is not of the edition, and changes nothing', async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'oleksandr');
    const before = ((await (await get(t, cookie, me)).json()) as Me).profile;
    const refused = async (body: Record<string, unknown>) => {
      const answer = await post(t, cookie, '/api/jury/editions/2026/profile', { lang: 'sk', ...body });
      expect(answer.status).toBe(422);
      return ((await answer.json()) as { fields: { field: string; code: string; message: string }[] }).fields;
    };
    const uk = [{ code: 'uk', level: 'native' }];
    // Russian is no language of the 2026 edition; a category of 2027 is not one of 2026's.
    expect(await refused({ languages: [{ code: 'ru', level: 'native' }], expertise: ['2027-video'] })).toEqual([
      {
        field: 'languages',
        code: 'jury.languageNotAccepted',
        message: 'Vyberte jazyky zo zoznamu jazykov tohto ročníka.',
      },
      {
        field: 'expertise',
        code: 'jury.expertise',
        message: 'Vyberte kategórie zo zoznamu kategórií tohto ročníka.',
      },
    ]);
    expect(await refused({ languages: [] })).toEqual([
      { field: 'languages', code: 'jury.languagesRequired', message: 'Vyberte aspoň jeden jazyk, ktorým čítate.' },
    ]);
    expect((await refused({ languages: 'uk:native' }))[0]?.code).toBe('jury.languagesRequired');
    expect(
      (
        await refused({
          languages: [
            { code: 'uk', level: 'native' },
            { code: 'uk', level: 'fluent' },
          ],
        })
      )[0]?.code,
    ).toBe('jury.language');
    expect((await refused({ languages: uk, expertise: ['2026-video', '2026-video'] }))[0]?.code).toBe('jury.expertise');
    expect((await refused({ languages: uk, expertise: '2026-video' }))[0]?.code).toBe('jury.expertise');
    expect(await refused({ languages: uk, bio: 'x'.repeat(601) })).toEqual([
      { field: 'bio', code: 'jury.tooLong', message: 'Text je príliš dlhý.' },
    ]);
    // 600 characters is the limit, and it is allowed.
    expect(
      (await post(t, cookie, '/api/jury/editions/2026/profile', { languages: uk, bio: 'x'.repeat(600) })).status,
    ).toBe(200);
    const after = ((await (await get(t, cookie, me)).json()) as Me).profile;
    expect(after.bio).toHaveLength(600);
    expect(before.bio).not.toHaveLength(600);
  });

  it('declares conflicts with people and outlets, lists them with ids, and withdraws only its own', async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'eva');
    const declared = await post(t, cookie, '/api/jury/editions/2026/conflicts', { kind: 'outlet', name: 'Hromadske' });
    expect(declared.status).toBe(201);
    await post(t, cookie, '/api/jury/editions/2026/conflicts', { kind: 'person', name: 'Iryna Koval' });
    const list = ((await (await get(t, cookie, me)).json()) as Me).profile.declared;
    expect(list.map((d) => [d.kind, d.name])).toEqual([
      ['outlet', 'Hromadske'],
      ['person', 'Iryna Koval'],
    ]);
    // Jan's declared conflict (Petra Malá) is not Eva's to withdraw: 404, as for an unknown id.
    const jan = ((await (await get(t, await cookieOf(t, 'jan'), me)).json()) as Me).profile.declared;
    expect(jan.map((d) => d.name)).toEqual(['Petra Malá']);
    const foreign = await post(t, cookie, `/api/jury/editions/2026/conflicts/${jan[0]!.id}/delete`, {});
    expect([foreign.status, ((await foreign.json()) as { code: string }).code]).toEqual([404, 'jury.conflictNotFound']);
    // Jan's conflict is still there, untouched.
    expect(
      ((await (await get(t, await cookieOf(t, 'jan'), me)).json()) as Me).profile.declared.map((d) => d.name),
    ).toEqual(['Petra Malá']);
    const unknown = await post(t, cookie, '/api/jury/editions/2026/conflicts/someone-else/delete', { lang: 'uk' });
    expect([unknown.status, ((await unknown.json()) as { message: string }).message]).toEqual([
      404,
      'Цього конфлікту немає серед ваших заявлених конфліктів, тому нічого не видалено. Можливо, його вже видалили.',
    ]);
    const withdrawn = await post(t, cookie, `/api/jury/editions/2026/conflicts/${list[0]!.id}/delete`, {});
    expect(withdrawn.status).toBe(200);
    expect(((await (await get(t, cookie, me)).json()) as Me).profile.declared.map((d) => d.name)).toEqual([
      'Iryna Koval',
    ]);
    const again = await post(t, cookie, `/api/jury/editions/2026/conflicts/${list[0]!.id}/delete`, {});
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([404, 'jury.conflictNotFound']);
    expect(await audited(t, 'jury.conflict.')).toEqual([
      ['jury.conflict.declared', demoIds.juror('eva'), { kind: 'outlet' }],
      ['jury.conflict.declared', demoIds.juror('eva'), { kind: 'person' }],
      ['jury.conflict.withdrawn', demoIds.juror('eva'), { kind: 'outlet' }],
    ]);
  });

  it('asks for a passkey until the juror has one or sets the prompt aside (by POST only)', async () => {
    const { t } = await setUp();
    const cookie = await cookieOf(t, 'anna');
    const prompt = async (c: string) => ((await (await get(t, c, me)).json()) as Me).passkeyPrompt;
    expect(await prompt(cookie)).toBe(true);
    // GET changes nothing (no such route).
    expect((await get(t, cookie, '/api/jury/editions/2026/passkey-prompt/dismiss')).status).toBe(404);
    expect(await prompt(cookie)).toBe(true);
    expect((await post(t, cookie, '/api/jury/editions/2026/passkey-prompt/dismiss', {})).status).toBe(200);
    expect(await prompt(cookie)).toBe(false);
    // A second dismissal keeps the first time.
    const first = await t.client.execute(
      `SELECT passkey_prompt_dismissed_at AS at FROM jury_jurors WHERE id = '${demoIds.juror('anna')}'`,
    );
    expect((await post(t, cookie, '/api/jury/editions/2026/passkey-prompt/dismiss', {})).status).toBe(200);
    const second = await t.client.execute(
      `SELECT passkey_prompt_dismissed_at AS at FROM jury_jurors WHERE id = '${demoIds.juror('anna')}'`,
    );
    expect(second.rows[0]?.at).toBe(first.rows[0]?.at);
    // A juror with a passkey is never asked.
    const eva = await cookieOf(t, 'eva');
    expect(await prompt(eva)).toBe(true);
    await t.db.insert(passkeys).values({
      id: 'cred-eva',
      userId: demoIds.jurorUser('eva'),
      publicKey: 'pk',
      counter: 0,
      backedUp: true,
      name: 'Phone',
      createdAt: t.deps.clock(),
    });
    expect(await prompt(eva)).toBe(false);
  });
});

describe("managers' conflicts", () => {
  it('records a conflict with a reason: the entry leaves the juror at once and answers like a missing id (S08)', async () => {
    const { t, demo } = await setUp();
    const manager = await managerCookie(t);
    const eva = await cookieOf(t, 'eva');
    const entryId = demo.assignments.find((a) => a.jurorId === demoIds.juror('eva'))!.entryId;
    const entryPath = `/api/jury/editions/2026/rounds/${ROUND}/entries/${entryId}`;
    expect((await get(t, eva, entryPath)).status).toBe(200);
    const listed = async () =>
      (
        (await (await get(t, eva, `/api/jury/editions/2026/rounds/${ROUND}/entries`)).json()) as {
          entries: { entryId: string }[];
        }
      ).entries.map((e) => e.entryId);
    expect(await listed()).toContain(entryId);

    const missingReason = await post(t, manager, `${manage}/conflicts`, {
      jurorId: demoIds.juror('eva'),
      entryId,
      reason: '',
      lang: 'en',
    });
    expect(missingReason.status).toBe(422);
    expect(((await missingReason.json()) as { fields: unknown }).fields).toEqual([
      { field: 'reason', code: 'jury.reasonRequired', message: 'Give a reason (at least three characters).' },
    ]);
    const unknown = await post(t, manager, `${manage}/conflicts`, {
      jurorId: 'nobody',
      entryId: 'nothing',
      reason: 'Works with the author.',
      lang: 'en',
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'jurorId', code: 'jury.jurorRequired', message: 'Choose a juror from the list.' },
      { field: 'entryId', code: 'jury.entryRequired', message: 'Choose an entry from the list.' },
    ]);

    const recorded = await post(t, manager, `${manage}/conflicts`, {
      jurorId: demoIds.juror('eva'),
      entryId,
      reason: 'Works with the author.',
    });
    expect(recorded.status).toBe(201);
    expect(await listed()).not.toContain(entryId);
    const conflicted = await get(t, eva, entryPath);
    const missing = await get(t, eva, `/api/jury/editions/2026/rounds/${ROUND}/entries/no-such-entry`);
    expect(conflicted.status).toBe(404);
    const { requestId: _a, ...conflictedBody } = (await conflicted.json()) as Record<string, unknown>;
    const { requestId: _b, ...missingBody } = (await missing.json()) as Record<string, unknown>;
    expect(conflictedBody).toEqual(missingBody);
    const assigned = await t.client.execute(
      `SELECT COUNT(*) AS n FROM jury_assignments WHERE juror_id = '${demoIds.juror('eva')}' AND entry_id = '${entryId}'`,
    );
    expect(assigned.rows[0]?.n).toBe(0);
  });

  it("leaves a closed round's assignments as they were: only rounds still open or to come lose the pair", async () => {
    const { t, demo } = await setUp();
    const closed = await insertDemoResults(t.db, t.deps.clock());
    const manager = await managerCookie(t);
    // A pair assigned in the closed round and in the open one.
    const pair = closed.assignments.find((c) =>
      demo.assignments.some((o) => o.jurorId === c.jurorId && o.entryId === c.entryId),
    )!;
    const rounds = async () =>
      (
        await t.client.execute({
          sql: 'SELECT round_id FROM jury_assignments WHERE juror_id = ? AND entry_id = ? ORDER BY round_id',
          args: [pair.jurorId, pair.entryId],
        })
      ).rows.map((r) => r.round_id);
    expect(await rounds()).toEqual([DEMO_RESULTS_ROUND, ROUND]);
    const recorded = await post(t, manager, `${manage}/conflicts`, {
      jurorId: pair.jurorId,
      entryId: pair.entryId,
      reason: 'Works with the author.',
    });
    expect(recorded.status).toBe(201);
    expect(await rounds()).toEqual([DEMO_RESULTS_ROUND]);
  });

  it("lists each juror's conflicts (recorded, by the rules, declared) and removes a manager's, never a recusal", async () => {
    const { t, demo } = await setUp();
    const manager = await managerCookie(t);
    const jan = await cookieOf(t, 'jan');
    const [first, second] = demo.assignments.filter((a) => a.jurorId === demoIds.juror('jan')).map((a) => a.entryId);
    await post(t, jan, `/api/jury/editions/2026/rounds/${ROUND}/entries/${first}/recuse`, { reason: 'I know them.' });
    await post(t, manager, `${manage}/conflicts`, {
      jurorId: demoIds.juror('jan'),
      entryId: second,
      reason: 'Former colleague.',
    });
    type Listing = {
      jurors: {
        id: string;
        email: string;
        employer: string;
        declared: { kind: string; name: string }[];
        recorded: { id: string; entryId: string; source: string; reason: string; removable: boolean }[];
        byRules: { entryId: string; number: string | null }[];
      }[];
      entries: { id: string; number: string | null; title: string }[];
    };
    const listing = async () => (await (await get(t, manager, `${manage}/conflicts`)).json()) as Listing;
    // The jurors' list names the categories, so expertise ids are shown by name.
    const jurorsList = (await (await get(t, manager, `${manage}/jurors`)).json()) as {
      categories: { id: string; name: { en: string } }[];
    };
    expect(jurorsList.categories.map((c) => c.id)).toEqual([
      '2026-written',
      '2026-video',
      '2026-audio',
      '2026-photo',
      '2026-student',
    ]);
    const all = await listing();
    expect(all.jurors.map((j) => j.email)).toEqual([
      'anna.schmidt@jury.example.org',
      'eva.horvath@jury.example.org',
      'ioana.popescu@jury.example.org',
      'jan.novak@jury.example.org',
      'maria.kovacova@jury.example.org',
      'oleksandr.bondar@jury.example.org',
    ]);
    expect(all.entries).toHaveLength(12);
    const janRow = all.jurors.find((j) => j.email.startsWith('jan.'))!;
    expect(janRow.declared).toEqual([{ kind: 'person', name: 'Petra Malá' }]);
    expect(janRow.recorded.map((r) => [r.entryId, r.source, r.reason, r.removable])).toEqual([
      [first, 'recusal', 'I know them.', false],
      [second, 'manager', 'Former colleague.', true],
    ]);
    // Petra Malá wrote entry 4; Maria works for Denník N (entry 1); Ioana made entry 6; Anna declared
    // Der Standard (entry 5), and entry 8 names her.
    expect(janRow.byRules.map((r) => r.entryId)).toEqual([demoIds.entry(3)]);
    expect(all.jurors.find((j) => j.email.startsWith('maria.'))!.byRules.map((r) => r.entryId)).toEqual([
      demoIds.entry(0),
    ]);
    expect(all.jurors.find((j) => j.email.startsWith('ioana.'))!.byRules.map((r) => r.entryId)).toEqual([
      demoIds.entry(5),
    ]);
    expect(all.jurors.find((j) => j.email.startsWith('anna.'))!.byRules.map((r) => r.entryId)).toEqual([
      demoIds.entry(4),
      demoIds.entry(7),
    ]);

    const recusal = janRow.recorded[0]!.id;
    const managers = janRow.recorded[1]!.id;
    expect((await post(t, manager, `${manage}/conflicts/${recusal}/delete`, {})).status).toBe(404);
    // A manager of 2027 cannot touch 2026's conflicts, even by id.
    const other = await managerCookie(t, 'edition:2027', 'other@example.org');
    expect((await post(t, other, `/api/jury/manage/editions/2027/conflicts/${managers}/delete`, {})).status).toBe(404);
    expect((await post(t, other, `${manage}/conflicts/${managers}/delete`, {})).status).toBe(403);
    expect((await post(t, manager, `${manage}/conflicts/${managers}/delete`, {})).status).toBe(200);
    expect((await post(t, manager, `${manage}/conflicts/${managers}/delete`, {})).status).toBe(404);
    expect((await listing()).jurors.find((j) => j.email.startsWith('jan.'))!.recorded.map((r) => r.source)).toEqual([
      'recusal',
    ]);
    const managerId = (await t.client.execute("SELECT id FROM users WHERE email = 'manager@example.org'")).rows[0]?.id;
    expect(
      (
        await t.client.execute(
          "SELECT actor_id, action, object_id, details FROM audit_log WHERE action IN ('jury.conflict.recorded', 'jury.conflict.removed') ORDER BY at, rowid",
        )
      ).rows.map((r) => [r.actor_id, r.action, r.object_id, JSON.parse(String(r.details))]),
    ).toEqual([
      [managerId, 'jury.conflict.recorded', second, { juror: demoIds.juror('jan') }],
      [managerId, 'jury.conflict.removed', second, { juror: demoIds.juror('jan'), source: 'manager' }],
    ]);
  });

  it('names the files of a round that jurors cannot open, and why (no stripper for the kind, too large)', async () => {
    const { t } = await setUp();
    const manager = await managerCookie(t);
    const now = t.deps.clock();
    const file = (id: string, entry: number, type: string, size: number) => ({
      id,
      entryId: demoIds.entry(entry),
      uploadKey: `uploads/${id}`,
      kind: 'work' as const,
      name: 'Zuzana Hlavatá – reportáž',
      size,
      type,
      createdAt: now,
    });
    await t.db
      .insert(entryFiles)
      .values([
        file('f-pdf', 0, 'application/pdf', 2_000_000),
        file('f-webm', 1, 'video/webm', 30_000_000),
        file('f-big', 2, 'audio/mp4', 60 * 1024 * 1024),
        file('f-mp3', 2, 'audio/mpeg', 4_000_000),
        file('f-docx', 10, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 40_000),
      ]);
    const answer = await get(t, manager, `${manage}/rounds/${ROUND}/blind-files`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { files: unknown[] }).files).toEqual([
      {
        fileId: 'f-webm',
        entryId: demoIds.entry(1),
        number: 'MIS-2026-0002',
        title: 'Na hranici v Užhorode',
        type: 'video/webm',
        size: 30_000_000,
        reason: 'kind',
      },
      {
        fileId: 'f-big',
        entryId: demoIds.entry(2),
        number: 'MIS-2026-0003',
        title: 'Szomszédok',
        type: 'audio/mp4',
        size: 60 * 1024 * 1024,
        reason: 'size',
      },
      {
        fileId: 'f-docx',
        entryId: demoIds.entry(10),
        number: 'MIS-2026-0011',
        title: 'Učitelia bez hraníc',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 40_000,
        reason: 'kind',
      },
    ]);
    expect((await get(t, manager, `${manage}/rounds/no-such-round/blind-files`)).status).toBe(404);
    expect((await get(t, await cookieOf(t, 'eva'), `${manage}/rounds/${ROUND}/blind-files`)).status).toBe(403);
  });
});

describe('the new jury routes: role × route (HTTP), beside the action matrix in permissions.test.ts', () => {
  it('lets only a juror of the edition reach the profile routes and only its managers the conflict and blind-file routes', async () => {
    const { t, demo } = await setUp();
    const now = t.deps.clock();
    const person = async (
      email: string,
      roles: {
        role: 'admin' | 'coordinator' | 'competition_manager' | 'juror' | 'entrant' | 'partner_caseworker';
        scope?: string;
      }[],
    ) => sessionCookie(t.db, await createUser(t.db, { email, roles }), now);
    const cookies: Record<string, string> = {
      anonymous: '',
      admin: await person('admin@example.org', [{ role: 'admin' }]),
      coordinator: await person('coordinator@example.org', [{ role: 'coordinator' }]),
      'manager 2026': await person('m2026@example.org', [{ role: 'competition_manager', scope: 'edition:2026' }]),
      'manager 2027': await person('m2027@example.org', [{ role: 'competition_manager', scope: 'edition:2027' }]),
      'juror 2026': await cookieOf(t, 'oleksandr'),
      // The role alone, without an accepted invitation to the edition's jury.
      'juror role, not invited': await person('role-only@example.org', [{ role: 'juror', scope: 'edition:2026' }]),
      entrant: await person('entrant@example.org', [{ role: 'entrant' }]),
      partner_caseworker: await person('partner@example.org', [{ role: 'partner_caseworker' }]),
    };
    const entryId = demo.assignments.find((a) => a.jurorId === demoIds.juror('eva'))!.entryId;
    const routes: { name: string; method: 'GET' | 'POST'; path: string; body?: unknown; who: string[] }[] = [
      { name: 'read my profile', method: 'GET', path: me, who: ['juror 2026'] },
      {
        name: 'save my profile',
        method: 'POST',
        path: '/api/jury/editions/2026/profile',
        body: { languages: [{ code: 'uk', level: 'native' }] },
        who: ['juror 2026'],
      },
      {
        name: 'set the passkey prompt aside',
        method: 'POST',
        path: '/api/jury/editions/2026/passkey-prompt/dismiss',
        body: {},
        who: ['juror 2026'],
      },
      {
        name: 'declare a conflict',
        method: 'POST',
        path: '/api/jury/editions/2026/conflicts',
        body: { kind: 'person', name: 'Some One' },
        who: ['juror 2026'],
      },
      {
        name: 'withdraw a declared conflict',
        method: 'POST',
        path: '/api/jury/editions/2026/conflicts/none/delete',
        body: {},
        who: ['juror 2026'],
      },
      { name: 'list conflicts', method: 'GET', path: `${manage}/conflicts`, who: ['admin', 'manager 2026'] },
      {
        name: 'record a conflict',
        method: 'POST',
        path: `${manage}/conflicts`,
        body: { jurorId: demoIds.juror('eva'), entryId, reason: 'Former colleague.' },
        who: ['admin', 'manager 2026'],
      },
      {
        name: 'remove a conflict',
        method: 'POST',
        path: `${manage}/conflicts/none/delete`,
        body: {},
        who: ['admin', 'manager 2026'],
      },
      {
        name: 'files jurors cannot open',
        method: 'GET',
        path: `${manage}/rounds/${ROUND}/blind-files`,
        who: ['admin', 'manager 2026'],
      },
      {
        name: 'prepare blind copies',
        method: 'POST',
        path: `${manage}/rounds/${ROUND}/blind-files`,
        body: {},
        who: ['admin', 'manager 2026'],
      },
    ];
    const seen: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      for (const [who, cookie] of Object.entries(cookies)) {
        const answer =
          route.method === 'GET' ? await get(t, cookie, route.path) : await post(t, cookie, route.path, route.body);
        // Allowed: anything but 401/403 (a missing id then answers 404, the node app has no file store).
        const verdict = answer.status === 401 ? 'signed out' : answer.status === 403 ? 'refused' : 'allowed';
        seen.push(`${route.name} / ${who}: ${verdict}`);
        expected.push(
          `${route.name} / ${who}: ${who === 'anonymous' ? 'signed out' : route.who.includes(who) ? 'allowed' : 'refused'}`,
        );
      }
    }
    expect(seen).toEqual(expected);
  });
});
