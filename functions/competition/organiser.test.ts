import { describe, expect, it } from 'vitest';
import { entryFiles } from '../db/schema/index.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createEntryRow, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { insertDemoEditions } from './demo-edition.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;

/** 2027 with 30 submitted entries (MIS-2027-0001 … 0030) and 2 drafts, 2026 with one entry; a manager of each. */
async function setup() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const entrant = await createUser(t.db, { email: 'reporter@example.org' });
  for (let seq = 1; seq <= 30; seq++) {
    await createEntryRow(t.db, {
      entrantId: entrant,
      seq,
      title: seq === 7 ? 'Cudzinecká polícia zblízka' : `Story ${seq}`,
      outlet: seq === 12 ? 'Denník N' : 'SME',
      authors:
        seq === 20 ? [{ name: 'Oksana Kovalenko', role: 'camera' }] : [{ name: 'Jana Nováková', role: 'reporter' }],
    });
  }
  const draft = await createEntryRow(t.db, {
    entrantId: entrant,
    title: '100%_done',
    createdAt: new Date('2026-02-01'),
  });
  await createEntryRow(t.db, { entrantId: entrant, title: 'Later draft', createdAt: new Date('2026-03-01') });
  const of2026 = await createEntryRow(t.db, { editionId: '2026', entrantId: entrant, seq: 1, title: 'Old story' });
  await createUser(t.db, {
    email: 'm2027@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2027' }],
  });
  await createUser(t.db, {
    email: 'm2026@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
  });
  await createUser(t.db, { email: 'admin@example.org', roles: [{ role: 'admin' }] });
  await createUser(t.db, { email: 'juror@example.org', roles: [{ role: 'juror', scope: 'edition:2027' }] });
  return { t, draft, of2026, entrant };
}

const get = async (t: T, path: string, jar?: { header(): Record<string, string> }) => {
  const response = await t.request(path, { headers: { ...jar?.header(), 'accept-language': 'en' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

type Listing = { entries: { number: string | null; title: string }[]; page: Record<string, number> };

describe("the organisers' entries (node, libSQL)", () => {
  it('pages the list: 25 by default, numbered entries first, drafts last; a page past the end shows the last', async () => {
    const { t } = await setup();
    const manager = await signedIn(t, 'm2027@example.org');
    const first = (await get(t, '/api/competition/manage/editions/2027/entries', manager)).body as Listing;
    expect(first.page).toEqual({ page: 1, size: 25, total: 32, pages: 2 });
    expect(first.entries.map((e) => e.number)).toEqual(
      Array.from({ length: 25 }, (_, i) => `MIS-2027-${String(i + 1).padStart(4, '0')}`),
    );
    const second = (await get(t, '/api/competition/manage/editions/2027/entries?page=2', manager)).body as Listing;
    expect(second.entries.map((e) => e.number ?? e.title)).toEqual([
      'MIS-2027-0026',
      'MIS-2027-0027',
      'MIS-2027-0028',
      'MIS-2027-0029',
      'MIS-2027-0030',
      '100%_done',
      'Later draft',
    ]);
    const tens = (await get(t, '/api/competition/manage/editions/2027/entries?size=10&page=4', manager))
      .body as Listing;
    expect(tens.page).toEqual({ page: 4, size: 10, total: 32, pages: 4 });
    expect(tens.entries.map((e) => e.number ?? e.title)).toEqual(['100%_done', 'Later draft']);
    const past = (await get(t, '/api/competition/manage/editions/2027/entries?size=10&page=99', manager))
      .body as Listing;
    expect(past.page).toEqual({ page: 4, size: 10, total: 32, pages: 4 });
    // Garbage reads as the defaults (S21), never as a failure.
    const garbage = await get(t, '/api/competition/manage/editions/2027/entries?size=7&page=-3', manager);
    expect(garbage.status).toBe(200);
    expect((garbage.body as Listing).page).toEqual({ page: 1, size: 25, total: 32, pages: 2 });
  });

  it('searches title, number, authors and outlet, with the other filters and paging', async () => {
    const { t } = await setup();
    const manager = await signedIn(t, 'm2027@example.org');
    const search = async (query: string) => {
      const { body } = await get(t, `/api/competition/manage/editions/2027/entries?${query}`, manager);
      const listing = body as Listing;
      return { total: listing.page.total, found: listing.entries.map((e) => e.number ?? e.title) };
    };
    expect(await search('q=polícia')).toEqual({ total: 1, found: ['MIS-2027-0007'] });
    expect(await search('q=2027-0012')).toEqual({ total: 1, found: ['MIS-2027-0012'] });
    expect(await search('q=denník')).toEqual({ total: 1, found: ['MIS-2027-0012'] });
    expect(await search('q=KOVALENKO')).toEqual({ total: 1, found: ['MIS-2027-0020'] });
    expect(await search('q=story 2')).toEqual({
      total: 11,
      found: ['MIS-2027-0002', ...Array.from({ length: 10 }, (_, i) => `MIS-2027-00${20 + i}`)],
    });
    expect(await search('q=story 2&size=10&page=2')).toEqual({ total: 11, found: ['MIS-2027-0029'] });
    // `%` and `_` are letters, not wildcards.
    expect(await search('q=100%25_')).toEqual({ total: 1, found: ['100%_done'] });
    expect(await search('q=%25')).toEqual({ total: 1, found: ['100%_done'] });
    expect(await search('q=story&state=draft')).toEqual({ total: 0, found: [] });
    expect(await search('q=nothing like this')).toEqual({ total: 0, found: [] });
    // The other edition's entries never match.
    expect(await search('q=old story')).toEqual({ total: 0, found: [] });
  });

  it('shows one entry with every field, its files and its history, to its managers and admins', async () => {
    const { t } = await setup();
    const manager = await signedIn(t, 'm2027@example.org');
    const admin = await signedIn(t, 'admin@example.org');
    const listing = (await get(t, '/api/competition/manage/editions/2027/entries?q=0007', manager)).body as {
      entries: { id: string }[];
    };
    const id = listing.entries[0]!.id;
    const now = t.deps.clock();
    await t.db.insert(entryFiles).values({
      id: 'file-1',
      entryId: id,
      uploadKey: 'uploads/file-1',
      kind: 'work',
      name: 'Reportáž.pdf',
      size: 12345,
      type: 'application/pdf',
      createdAt: now,
    });
    const screened = await t.request(
      `/api/competition/manage/editions/2027/entries/${id}/screening`,
      postJson({ decision: 'eligible', reason: '' }, manager.header()),
    );
    expect(screened.status).toBe(200);
    for (const jar of [manager, admin]) {
      const { status, body } = await get(t, `/api/competition/manage/editions/2027/entries/${id}`, jar);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        entry: {
          id,
          editionId: '2027',
          number: 'MIS-2027-0007',
          status: 'submitted',
          screening: 'eligible',
          title: 'Cudzinecká polícia zblízka',
          outlet: 'SME',
          country: 'SK',
          authors: [{ name: 'Jana Nováková', role: 'reporter' }],
          email: 'reporter@example.org',
        },
        files: [{ id: 'file-1', kind: 'work', name: 'Reportáž.pdf', size: 12345, type: 'application/pdf' }],
        history: [
          { action: 'competition.entry.screened', actorEmail: 'm2027@example.org', details: { decision: 'eligible' } },
        ],
      });
      // No storage keys, no internal sequence, no entrant id.
      expect(Object.keys(body.entry as object)).not.toContain('entrantId');
      expect(Object.keys(body.entry as object)).not.toContain('seq');
      expect(Object.keys((body.files as object[])[0]!)).not.toContain('uploadKey');
    }
  });

  it('IDOR: a manager of 2026 cannot read an entry of 2027 by any path, nor its files; others get 404 too', async () => {
    const { t, of2026 } = await setup();
    const m2026 = await signedIn(t, 'm2026@example.org');
    const m2027 = await signedIn(t, 'm2027@example.org');
    const juror = await signedIn(t, 'juror@example.org');
    const listing = (await get(t, '/api/competition/manage/editions/2027/entries?q=0007', m2027)).body as {
      entries: { id: string }[];
    };
    const of2027 = listing.entries[0]!.id;
    const attempts: [string, { header(): Record<string, string> }, number][] = [
      [`/api/competition/manage/editions/2027/entries/${of2027}`, m2026, 404],
      [`/api/competition/manage/editions/2026/entries/${of2027}`, m2026, 404],
      [`/api/competition/manage/editions/2027/entries/${of2027}/files/file-1`, m2026, 404],
      [`/api/competition/manage/editions/2026/entries/${of2027}/files/file-1`, m2026, 404],
      [`/api/competition/manage/editions/2027/entries/${of2026}`, m2027, 404],
      [`/api/competition/manage/editions/2027/entries/${of2027}`, juror, 404],
      [`/api/competition/manage/editions/2027/entries/no-such-entry`, m2027, 404],
      [`/api/competition/manage/editions/2027/entries`, m2026, 403],
      [`/api/competition/manage/editions/2026/entries/${of2026}`, m2026, 200],
    ];
    for (const [path, jar, status] of attempts) {
      const answer = await get(t, path, jar);
      expect([path, answer.status]).toEqual([path, status]);
      if (status === 404) expect(answer.body).toMatchObject({ code: 'request.notFound' });
    }
    expect((await get(t, `/api/competition/manage/editions/2027/entries/${of2027}`)).status).toBe(401);
  });
});
