import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { completeEntrySteps, createUser, type CookieJar } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { solvedChallenge } from '../testing/pow.ts';
import { insertDemoEditions } from './demo-edition.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const DAY = 24 * 60 * 60_000;

/** The demo editions (2027 open for 120 more days) and one signed-in journalist. */
async function setUp(email = 'jana@example.org') {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  await createUser(t.db, { email });
  const jar = await signedIn(t, email);
  return { t, jar };
}

const post = (t: T, jar: CookieJar, path: string, body: unknown = {}) => t.request(path, postJson(body, jar.header()));

/** A complete, eligible entry in "written and online" (published last month, in Slovak). */
async function completeDraft(t: T, jar: CookieJar, title = 'Cudzinecká polícia zblízka') {
  const created = await post(t, jar, '/api/competition/editions/2027/entries', { lang: 'en' });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (const [step, body] of Object.entries(completeEntrySteps(t.deps.clock(), title)))
    expect((await post(t, jar, `/api/competition/entries/${id}/steps/${step}`, body)).status).toBe(200);
  return id;
}

const entryRow = async (t: T, id: string) =>
  (
    await t.client.execute({
      sql: 'SELECT status, number, seq, title, entrant_id FROM competition_entries WHERE id = ?',
      args: [id],
    })
  ).rows[0];

describe('the media competition: editions, drafts, submission (node, libSQL)', () => {
  it('shows an edition with its categories and live state to anyone', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    const body = (await (await t.request('/api/competition/editions/2027')).json()) as {
      state: string;
      categories: { slug: string }[];
    };
    expect(body.state).toBe('open');
    expect(body.categories.map((c) => c.slug)).toEqual(['written-online', 'video', 'audio-radio', 'photo', 'student']);
    expect(((await (await t.request('/api/competition/editions/2026')).json()) as { state: string }).state).toBe(
      'closed',
    );
    expect((await t.request('/api/competition/editions/1999')).status).toBe(404);
  });

  it('registers a new journalist with the same answer as a known address, and mails a sign-in link', async () => {
    const t = await createTestApp();
    const answer = async (email: string) => {
      const r = await t.request(
        '/api/competition/register',
        postJson({ email, lang: 'sk', altcha: await solvedChallenge(t) }),
      );
      return [r.status, await r.json()];
    };
    await createUser(t.db, { email: 'known@example.org' });
    expect(await answer('new@example.org')).toEqual(await answer('known@example.org'));
    const users = await t.client.execute("SELECT email FROM users WHERE email = 'new@example.org'");
    expect(users.rows).toHaveLength(1);
    expect((await t.mailbox.list()).map((m) => m.to).sort()).toEqual(['known@example.org', 'new@example.org']);
  });

  it('saves every step as a draft, resumes it anywhere, and makes the author an entrant', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    // A second browser of the same person sees the same draft (a second later, so its sign-in mail is the newest).
    t.advance(1000);
    const other = await signedIn(t, 'jana@example.org');
    const read = (await (await t.request(`/api/competition/entries/${id}`, { headers: other.header() })).json()) as {
      entry: { title: string; authors: unknown[]; status: string };
      problems: unknown[];
    };
    expect(read.entry).toMatchObject({
      title: 'Cudzinecká polícia zblízka',
      status: 'draft',
      authors: [{ name: 'Jana Nováková', role: 'reporter' }],
    });
    expect(read.problems).toEqual([]);
    const roles = await t.client.execute(
      "SELECT role, scope FROM role_assignments JOIN users ON users.id = user_id WHERE email = 'jana@example.org'",
    );
    expect(roles.rows.map((r) => [r.role, r.scope])).toEqual([['entrant', 'edition:2027']]);
  });

  it('refuses a step with a bad value and names the field, saving nothing of it', async () => {
    const { t, jar } = await setUp();
    const id = ((await (await post(t, jar, '/api/competition/editions/2027/entries')).json()) as { id: string }).id;
    const r = await post(t, jar, `/api/competition/entries/${id}/steps/work`, {
      lang: 'en',
      title: 'Kept?',
      url: 'dennikn',
      publishedOn: '17.5.2026',
      summary: 'x'.repeat(1501),
    });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { fields: { field: string; message: string }[] };
    expect(body.fields).toEqual([
      {
        field: 'publishedOn',
        code: 'competition.date',
        message: 'Enter a date in the format YYYY-MM-DD, like 2026-05-17',
      },
      { field: 'url', code: 'competition.url', message: 'Enter the full web address, starting with https://' },
      { field: 'summary', code: 'competition.tooLong', message: 'This text is too long' },
    ]);
    expect((await entryRow(t, id))?.title).toBe('');
  });

  it('lists every eligibility problem at once, in the entrant’s language', async () => {
    const { t, jar } = await setUp();
    const id = ((await (await post(t, jar, '/api/competition/editions/2027/entries')).json()) as { id: string }).id;
    await post(t, jar, `/api/competition/entries/${id}/steps/work`, {
      title: 'Dopis',
      categoryId: '2027-written',
      language: 'de',
      publishedOn: '2020-01-01',
      summary: 'Kurz.',
    });
    const r = await post(t, jar, `/api/competition/entries/${id}/submit`, { lang: 'sk' });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { code: string; fields: { field: string; code: string; message: string }[] };
    expect(body.code).toBe('competition.notEligible');
    expect(body.fields.map((f) => `${f.field}:${f.code.replace('competition.problem.', '')}`)).toEqual([
      'country:required',
      'outlet:required',
      'url:required',
      'publishedOn:outsideWindow',
      'summaryTranslation:translationRequired',
      'authors:authorRequired',
      'declaredOwnWork:declarationMissing',
      'declaredLicence:declarationMissing',
      'declaredRules:declarationMissing',
      'declaredPrivacy:declarationMissing',
    ]);
    expect(body.fields[3]?.message).toBe('Dielo bolo publikované mimo obdobia, ktoré tento ročník pripúšťa');
    expect((await entryRow(t, id))?.status).toBe('draft');
  });

  it('numbers submitted entries MIS-2027-0001, -0002 and mails a confirmation with the number', async () => {
    const { t, jar } = await setUp();
    const first = await completeDraft(t, jar);
    const second = await completeDraft(t, jar, 'Druhá reportáž');
    const r1 = await post(t, jar, `/api/competition/entries/${first}/submit`);
    expect(await r1.json()).toEqual({ status: 'submitted', number: 'MIS-2027-0001' });
    const r2 = await post(t, jar, `/api/competition/entries/${second}/submit`);
    expect(await r2.json()).toEqual({ status: 'submitted', number: 'MIS-2027-0002' });
    const mails = await t.mailbox.list();
    const confirmations = mails.filter((m) => m.subject.startsWith('Your entry'));
    expect(confirmations.map((m) => m.subject).sort()).toEqual([
      'Your entry MIS-2027-0001 has been received',
      'Your entry MIS-2027-0002 has been received',
    ]);
    expect(await t.mailbox.read(confirmations[0]!.key)).toContain('/en/competition/entries/');
  });

  it('takes the country as typed in lower case or with spaces (sk → SK), and still refuses what is not two letters', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const save = (country: string) =>
      post(t, jar, `/api/competition/entries/${id}/steps/authors`, { country, authors: [{ name: 'Jana', role: '' }] });
    expect((await save(' sk ')).status).toBe(200);
    const row = await t.client.execute({ sql: 'SELECT country FROM competition_entries WHERE id = ?', args: [id] });
    expect(row.rows[0]?.country).toBe('SK');
    expect((await save('Slovakia')).status).toBe(422);
    expect((await save('s1')).status).toBe(422);
    // Two letters are not enough: only assigned ISO 3166-1 codes, in the one error shape.
    const zz = await t.request(
      `/api/competition/entries/${id}/steps/authors`,
      postJson({ country: 'ZZ', authors: [{ name: 'Jana', role: '' }] }, { ...jar.header(), 'accept-language': 'en' }),
    );
    expect([zz.status, ((await zz.json()) as { fields: unknown }).fields]).toEqual([
      422,
      [{ field: 'country', code: 'competition.country', message: 'Choose the country from the list' }],
    ]);
    expect((await save('EU')).status).toBe(422);
  });

  it('takes only a language the edition accepts for the work (xx refused, uk kept)', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const work = (language: string) =>
      t.request(
        `/api/competition/entries/${id}/steps/work`,
        postJson({ title: 'T', language }, { ...jar.header(), 'accept-language': 'uk' }),
      );
    const xx = await work('xx');
    expect([xx.status, ((await xx.json()) as { fields: unknown }).fields]).toEqual([
      422,
      [{ field: 'language', code: 'competition.language', message: 'Виберіть мову зі списку' }],
    ]);
    expect((await work('uk')).status).toBe(200);
    const row = await t.client.execute({ sql: 'SELECT language FROM competition_entries WHERE id = ?', args: [id] });
    expect(row.rows[0]?.language).toBe('uk');
  });

  it('reports every problem of the work step at once: an unknown category and language beside a too long title', async () => {
    // Tester finding: the category and language were reported only after the other errors were fixed.
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const refused = await t.request(
      `/api/competition/entries/${id}/steps/work`,
      postJson(
        { title: 'T'.repeat(301), categoryId: 'no-such-category', language: 'xx', url: 'not a url' },
        { ...jar.header(), 'accept-language': 'en' },
      ),
    );
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'title', code: 'competition.tooLong', message: 'This text is too long' },
      { field: 'categoryId', code: 'competition.category', message: 'Choose a category of this edition' },
      { field: 'language', code: 'competition.language', message: 'Choose the language from the list' },
      { field: 'url', code: 'competition.url', message: 'Enter the full web address, starting with https://' },
    ]);
  });

  it('answers a double click on Submit or Withdraw like the first click: one number, one mail, no 404', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const submits = await Promise.all([1, 2].map(() => post(t, jar, `/api/competition/entries/${id}/submit`)));
    expect(submits.map((r) => r.status)).toEqual([200, 200]);
    expect(await Promise.all(submits.map((r) => r.json()))).toEqual([
      { status: 'submitted', number: 'MIS-2027-0001' },
      { status: 'submitted', number: 'MIS-2027-0001' },
    ]);
    const again = await post(t, jar, `/api/competition/entries/${id}/submit`);
    expect(await again.json()).toEqual({ status: 'submitted', number: 'MIS-2027-0001' });
    const mails = (await t.mailbox.list()).filter((m) => m.subject.startsWith('Your entry'));
    expect(mails.map((m) => m.subject)).toEqual(['Your entry MIS-2027-0001 has been received']);
    expect((await post(t, jar, `/api/competition/entries/${id}/withdraw`)).status).toBe(200);
    expect((await post(t, jar, `/api/competition/entries/${id}/withdraw`)).status).toBe(200);
    expect((await entryRow(t, id))?.status).toBe('withdrawn');
    // A withdrawn entry is not submitted again by a stale Submit button.
    expect((await post(t, jar, `/api/competition/entries/${id}/submit`)).status).toBe(404);
  });

  it('gives concurrent submissions distinct numbers and holds the per-entrant cap under a race', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    const people = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(async (n) => {
        const email = `${n}@example.org`;
        await createUser(t.db, { email });
        const jar = await signedIn(t, email);
        return { jar, id: await completeDraft(t, jar) };
      }),
    );
    const answers = await Promise.all(
      people.map((p) =>
        post(t, p.jar, `/api/competition/entries/${p.id}/submit`).then((r) => r.json() as Promise<{ number: string }>),
      ),
    );
    expect(answers.map((a) => a.number).sort()).toEqual([
      'MIS-2027-0001',
      'MIS-2027-0002',
      'MIS-2027-0003',
      'MIS-2027-0004',
      'MIS-2027-0005',
    ]);

    // "student" allows one entry per person: two drafts submitted at once give one submission.
    const { jar } = people[0]!;
    const drafts = [await completeDraft(t, jar, 'Študentská 1'), await completeDraft(t, jar, 'Študentská 2')];
    for (const id of drafts)
      await post(t, jar, `/api/competition/entries/${id}/steps/work`, {
        title: 'Študentská',
        categoryId: '2027-student',
        language: 'sk',
        publishedOn: '2026-10-01',
        summary: 'Zhrnutie.',
      });
    const statuses = await Promise.all(
      drafts.map((id) => post(t, jar, `/api/competition/entries/${id}/submit`).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 422]);
  });

  it('lets the entrant edit a submitted entry only if it stays eligible, and withdraw it', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    await post(t, jar, `/api/competition/entries/${id}/submit`);
    const bad = await post(t, jar, `/api/competition/entries/${id}/steps/work`, {
      title: 'Nový názov',
      categoryId: '2027-written',
      language: 'sk',
      outlet: '',
      publishedOn: '2026-10-01',
      url: 'https://dennikn.sk/x',
      summary: 'Zhrnutie.',
    });
    expect(bad.status).toBe(422);
    expect((await entryRow(t, id))?.title).toBe('Cudzinecká polícia zblízka');
    const good = await post(t, jar, `/api/competition/entries/${id}/steps/work`, {
      title: 'Nový názov',
      categoryId: '2027-written',
      language: 'sk',
      outlet: 'SME',
      publishedOn: '2026-10-01',
      url: 'https://sme.sk/x',
      summary: 'Zhrnutie.',
    });
    expect(good.status).toBe(200);
    expect(await entryRow(t, id)).toMatchObject({ status: 'submitted', number: 'MIS-2027-0001', title: 'Nový názov' });
    expect((await post(t, jar, `/api/competition/entries/${id}/withdraw`)).status).toBe(200);
    expect((await entryRow(t, id))?.status).toBe('withdrawn');
  });

  it('refuses every change after the close (server clock), and a manager’s extension code reopens it for that entrant only', async () => {
    const setup = await setUp();
    const { t } = setup;
    await createUser(t.db, {
      email: 'manager@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2027' }],
    });
    await createUser(t.db, { email: 'other@example.org' });
    const id = await completeDraft(t, setup.jar);
    t.advance(121 * DAY);
    // Sessions have long expired: everyone signs in again.
    const [jar, manager, other] = (await Promise.all(
      ['jana@example.org', 'manager@example.org', 'other@example.org'].map((e) => signedIn(t, e)),
    )) as [CookieJar, CookieJar, CookieJar];

    const closed = await post(t, jar, `/api/competition/entries/${id}/submit`, { lang: 'en' });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ code: 'competition.closed' });
    expect((await post(t, jar, `/api/competition/entries/${id}/steps/conflicts`, { conflicts: 'late' })).status).toBe(
      409,
    );
    expect((await post(t, jar, '/api/competition/editions/2027/entries')).status).toBe(409);

    const until = new Date(t.deps.clock().getTime() + 2 * DAY).toISOString().slice(0, 16); // wall time, Bratislava ≥ UTC
    expect(
      (await post(t, manager, '/api/competition/manage/editions/2027/extensions', { email: 'jana@example.org', until }))
        .status,
    ).toBe(201);
    const mail = (await t.mailbox.list()).find((m) => m.to === 'jana@example.org' && m.subject.includes('extension'));
    const code = /^([A-Z0-9]{10})\r?$/m.exec((await t.mailbox.read(mail!.key))!)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    expect(
      await t.client.execute('SELECT code_hash FROM competition_extensions').then((r) => String(r.rows[0]?.code_hash)),
    ).not.toContain(code);

    // The code is bound to Jana: someone else cannot use it.
    expect((await post(t, other, '/api/competition/editions/2027/extension', { code })).status).toBe(422);
    expect((await post(t, jar, '/api/competition/editions/2027/extension', { code })).status).toBe(200);
    expect((await post(t, jar, `/api/competition/entries/${id}/submit`)).status).toBe(200);
    t.advance(2 * DAY + 3 * 60 * 60_000);
    const later = await signedIn(t, 'jana@example.org');
    expect((await post(t, later, `/api/competition/entries/${id}/withdraw`)).status).toBe(409);
  });

  it('S07 journalist B cannot read, edit, submit or withdraw A’s entry, and status/number/score fields are ignored', async () => {
    const { t, jar } = await setUp('a@example.org');
    await createUser(t.db, { email: 'b@example.org' });
    const b = await signedIn(t, 'b@example.org');
    const id = await completeDraft(t, jar);
    const missing = (await t.request('/api/competition/entries/no-such-id', { headers: b.header() })).json();
    const read = await t.request(`/api/competition/entries/${id}`, { headers: b.header() });
    expect(read.status).toBe(404);
    expect(Object.keys((await read.json()) as object).sort()).toEqual(Object.keys((await missing) as object).sort());
    for (const path of [`steps/work`, `steps/declarations`, `submit`, `withdraw`]) {
      expect((await post(t, b, `/api/competition/entries/${id}/${path}`, { title: 'Hijacked' })).status).toBe(404);
    }
    expect(
      ((await (await t.request('/api/competition/entries', { headers: b.header() })).json()) as { entries: unknown[] })
        .entries,
    ).toEqual([]);

    // A's own save with smuggled fields: they are dropped.
    await post(t, jar, `/api/competition/entries/${id}/steps/conflicts`, {
      conflicts: 'none',
      status: 'submitted',
      number: 'MIS-2027-9999',
      score: 10,
      screening: 'eligible',
      entrantId: 'x',
    });
    expect(await entryRow(t, id)).toMatchObject({ status: 'draft', number: null, title: 'Cudzinecká polícia zblízka' });
    const screening = await t.client.execute({
      sql: 'SELECT screening, conflicts FROM competition_entries WHERE id = ?',
      args: [id],
    });
    expect(screening.rows[0]).toMatchObject({ screening: 'pending', conflicts: 'none' });
  });

  it('S17 a database failure while submitting leaves the draft as it was, with no number and no mail', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const mailsBefore = (await t.client.execute('SELECT count(*) AS n FROM outbox')).rows[0]?.n;
    await t.client.execute(
      "CREATE TRIGGER fail_mail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const r = await post(t, jar, `/api/competition/entries/${id}/submit`);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(await entryRow(t, id)).toMatchObject({ status: 'draft', number: null, seq: null });
    expect((await t.client.execute('SELECT count(*) AS n FROM outbox')).rows[0]?.n).toBe(mailsBefore);
    await t.client.execute('DROP TRIGGER fail_mail');
    expect(await (await post(t, jar, `/api/competition/entries/${id}/submit`)).json()).toEqual({
      status: 'submitted',
      number: 'MIS-2027-0001',
    });
  });

  it('S19 the person’s data export holds their entries, and erasure removes them', async () => {
    const { t, jar } = await setUp();
    const id = await completeDraft(t, jar);
    const exported = (await (await t.request('/api/auth/me/export', { headers: jar.header() })).json()) as {
      competition: { entries: { id: string; title: string }[] };
    };
    expect(exported.competition.entries.map((e) => [e.id, e.title])).toEqual([[id, 'Cudzinecká polícia zblízka']]);
    expect((await t.request('/api/auth/me/erase', postJson({}, jar.header()))).status).toBe(200);
    expect((await t.client.execute('SELECT count(*) AS n FROM competition_entries')).rows[0]?.n).toBe(0);
  });

  it('rate-limits entrant writes per account', async () => {
    const { t, jar } = await setUp();
    const id = ((await (await post(t, jar, '/api/competition/editions/2027/entries')).json()) as { id: string }).id;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++)
      statuses.push(
        (await post(t, jar, `/api/competition/entries/${id}/steps/conflicts`, { conflicts: `${i}` })).status,
      );
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });
});

describe('the media competition: organisers (node, libSQL)', () => {
  async function withSubmissions() {
    const { t, jar } = await setUp();
    await createUser(t.db, {
      email: 'manager@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2027' }],
    });
    await createUser(t.db, {
      email: 'manager26@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
    });
    const manager = await signedIn(t, 'manager@example.org');
    const id = await completeDraft(t, jar, '=HYPERLINK("http://evil.example","click")');
    await post(t, jar, `/api/competition/entries/${id}/steps/authors`, {
      country: 'SK',
      authors: [{ name: '@Jana', role: '-reporter' }],
    });
    await post(t, jar, `/api/competition/entries/${id}/submit`);
    await completeDraft(t, jar, 'Still a draft');
    return { t, jar, manager, id };
  }

  it('lists, filters and counts entries of the edition for its managers only', async () => {
    const { t, jar, manager } = await withSubmissions();
    const list = async (query: string, who = manager) =>
      t.request(`/api/competition/manage/editions/2027/entries${query}`, { headers: who.header() });
    const all = (await (await list('')).json()) as {
      entries: { number: string | null; status: string }[];
      stats: Record<string, Record<string, number>>;
    };
    expect(all.entries.map((e) => [e.number, e.status])).toEqual([
      ['MIS-2027-0001', 'submitted'],
      [null, 'draft'],
    ]);
    expect(all.stats).toEqual({
      byStatus: { draft: 1, submitted: 1 },
      byCategory: { 'written-online': 1 },
      byLanguage: { sk: 1 },
      byCountry: { SK: 1 },
      byScreening: { pending: 1 },
    });
    const submitted = (await (await list('?state=submitted&category=2027-written&language=sk&country=SK')).json()) as {
      entries: unknown[];
    };
    expect(submitted.entries).toHaveLength(1);
    expect(((await (await list('?country=UA')).json()) as { entries: unknown[] }).entries).toEqual([]);
    expect((await list('', jar)).status).toBe(403);
    expect((await list('', await signedIn(t, 'manager26@example.org'))).status).toBe(403);
  });

  it('screens an entry ineligible with a reason mailed to the entrant in their language', async () => {
    const { t, manager, id } = await withSubmissions();
    const path = `/api/competition/manage/editions/2027/entries/${id}/screening`;
    const noReason = await t.request(path, postJson({ decision: 'ineligible', lang: 'en' }, manager.header()));
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['reason']);
    expect(
      (await t.request(path, postJson({ decision: 'ineligible', reason: 'Published in 2019.' }, manager.header())))
        .status,
    ).toBe(200);
    const mail = (await t.mailbox.list()).find((m) => m.subject === 'Your entry MIS-2027-0001 is not eligible');
    expect(await t.mailbox.read(mail!.key)).toContain('Reason: Published in 2019.');
    expect(
      (await t.client.execute('SELECT screening, screening_reason FROM competition_entries WHERE id = ?', [id]))
        .rows[0],
    ).toMatchObject({ screening: 'ineligible', screening_reason: 'Published in 2019.' });
  });

  it('S18 exports CSV with formula-like cells neutralised and XLSX with them as plain text', async () => {
    const { t, manager } = await withSubmissions();
    const csv = await t.request('/api/competition/manage/editions/2027/export/csv', { headers: manager.header() });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="entries-2027.csv"');
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(`'@Jana (-reporter)`);
    expect(text.split('\r\n')).toHaveLength(3); // header, one submitted entry, final line break
    const xlsx = await t.request('/api/competition/manage/editions/2027/export/xlsx', { headers: manager.header() });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { unzipSync, strFromU8 } = await import('fflate');
    const sheet = strFromU8(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))['xl/worksheets/sheet1.xml']!);
    // In XLSX the text stays exactly as typed: an inline string with the quotePrefix style, never a formula.
    expect(sheet).toContain(
      `s="4" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)</t>`,
    );
    expect(sheet).not.toContain('<f>');
    expect(
      (
        await t.request('/api/competition/manage/editions/2027/export/csv', {
          headers: (await signedIn(t, 'manager26@example.org')).header(),
        })
      ).status,
    ).toBe(403);
  });

  it('lets a manager create an edition and a category, with times in Europe/Bratislava', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'boss@example.org', roles: [{ role: 'competition_manager' }] });
    const boss = await signedIn(t, 'boss@example.org');
    const localized = (s: string) => ({ sk: s, en: s, uk: s });
    const edition = {
      id: '2028',
      name: localized('MIS 2028'),
      rules: localized('Rules'),
      prizes: localized('Prizes'),
      submissionsOpenAt: '2027-11-01T00:00',
      submissionsCloseAt: '2028-03-31T23:59',
      publishedFrom: '2027-01-01',
      publishedUntil: '2028-03-31',
    };
    expect((await t.request('/api/competition/manage/editions', postJson(edition, boss.header()))).status).toBe(200);
    const category = {
      slug: 'video',
      name: localized('Video'),
      description: localized('Video'),
      languages: 'sk, en',
      fileTypes: 'video/mp4',
      maxFileBytes: '1000',
      minWorkFiles: '1',
      entriesPerEntrant: '1',
      requiredFields: 'outlet',
    };
    expect(
      (await t.request('/api/competition/manage/editions/2028/categories', postJson(category, boss.header()))).status,
    ).toBe(200);
    const read = (await (await t.request('/api/competition/editions/2028')).json()) as {
      edition: { submissionsCloseAt: string };
      categories: { languages: string[] }[];
      state: string;
    };
    // 23:59 in Bratislava on 31 March (summer time, UTC+2) is 21:59 UTC.
    expect(read.edition.submissionsCloseAt).toBe('2028-03-31T21:59:00.000Z');
    expect(read.categories[0]?.languages).toEqual(['sk', 'en']);
    expect(read.state).toBe('notOpen');
    const bad = await t.request(
      '/api/competition/manage/editions',
      postJson({ ...edition, submissionsCloseAt: '2027-01-01T00:00' }, boss.header()),
    );
    expect(((await bad.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'submissionsCloseAt', code: 'competition.order', message: expect.any(String) },
    ]);
    const refused = async (times: Partial<typeof edition>) => {
      const response = await t.request(
        '/api/competition/manage/editions',
        postJson({ ...edition, ...times }, { ...boss.header(), 'accept-language': 'en' }),
      );
      return [response.status, ((await response.json()) as { fields: unknown[] }).fields];
    };
    // 30 February is refused, not read as 2 March.
    expect(await refused({ submissionsOpenAt: '2027-02-30T10:00' })).toEqual([
      422,
      [
        {
          field: 'submissionsOpenAt',
          code: 'time.impossible',
          message: 'Enter a date and time that exist, like 2027-03-31T23:59 (30 February, for example, does not)',
        },
      ],
    ]);
    // The spring-forward hour does not exist in Bratislava: refused, saying why.
    expect(await refused({ submissionsCloseAt: '2028-03-26T02:30' })).toEqual([
      422,
      [
        {
          field: 'submissionsCloseAt',
          code: 'time.skipped',
          message:
            'This time does not exist in Bratislava: that night the clocks jump from 02:00 straight to 03:00. Choose a time before 02:00 or from 03:00',
        },
      ],
    ]);
    // The autumn hour that happens twice means the earlier instant (summer time, UTC+2).
    expect(
      (
        await t.request(
          '/api/competition/manage/editions',
          postJson({ ...edition, submissionsCloseAt: '2028-10-29T02:30' }, boss.header()),
        )
      ).status,
    ).toBe(200);
    const autumn = (await (await t.request('/api/competition/editions/2028')).json()) as {
      edition: { submissionsCloseAt: string };
    };
    expect(autumn.edition.submissionsCloseAt).toBe('2028-10-29T00:30:00.000Z');
  });
});

describe('nothing typed is lost', () => {
  it('an empty or broken post of a step never overwrites the saved draft', async () => {
    const { t, jar } = await setUp('kept@example.org');
    const id = await completeDraft(t, jar, 'Saved before the empty post');
    const path = `/api/competition/entries/${id}/steps/work`;
    const empty = await post(t, jar, path, { lang: 'en' });
    const broken = await t.request(path, {
      method: 'POST',
      headers: { ...jar.header(), 'content-type': 'multipart/form-data', origin: 'https://spotlight.test' },
      body: 'title=',
    });
    expect([empty.status, broken.status]).toEqual([400, 400]);
    expect((await entryRow(t, id))?.title).toBe('Saved before the empty post');
  });
});
