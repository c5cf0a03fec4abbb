import { strFromU8, unzipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { entries } from '../db/schema/index.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createTestApp } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { DEMO_RESULTS_ROUND, insertDemoResults } from './demo-results.ts';
import type { RoundResults } from './results.service.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const base = `/api/results/editions/2026/rounds/${DEMO_RESULTS_ROUND}`;

/** The demo editions, jury and closed round with its reviews, and a manager of 2026. */
async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  await insertDemoJury(t.db, t.deps.clock());
  const demo = await insertDemoResults(t.db, t.deps.clock());
  const managerId = await createUser(t.db, {
    email: 'manager@example.org',
    roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
  });
  return { t, demo, manager: await sessionCookie(t.db, managerId, t.deps.clock()) };
}
const get = (t: T, cookie: string, path: string) => t.request(path, { headers: { cookie, 'accept-language': 'en' } });
const cookieOf = async (
  t: T,
  email: string,
  roles: { role: 'juror' | 'entrant' | 'competition_manager' | 'admin'; scope: string }[],
) => sessionCookie(t.db, await createUser(t.db, { email, roles }), t.deps.clock());

describe('results (node, libSQL)', () => {
  it('only the edition’s managers reach them: signed out 401; jurors, entrants and other editions’ managers 403', async () => {
    const { t, manager } = await setUp();
    const juror = await sessionCookie(t.db, demoIds.jurorUser('jan'), t.deps.clock());
    const entrant = await cookieOf(t, 'entrant@example.org', [{ role: 'entrant', scope: '' }]);
    const other = await cookieOf(t, 'other@example.org', [{ role: 'competition_manager', scope: 'edition:2027' }]);
    const admin = await cookieOf(t, 'admin@example.org', [{ role: 'admin', scope: '' }]);
    for (const path of ['/api/results/editions/2026', base, `${base}/export/csv`, `${base}/export/xlsx`]) {
      expect((await t.request(path)).status).toBe(401);
      for (const cookie of [juror, entrant, other]) expect((await get(t, cookie, path)).status).toBe(403);
      expect((await get(t, manager, path)).status).toBe(200);
      expect((await get(t, admin, path)).status).toBe(200);
    }
    expect((await get(t, manager, '/api/results/editions/2026/rounds/nope')).status).toBe(404);
    expect((await get(t, admin, '/api/results/editions/1999')).status).toBe(404);
    expect((await get(t, admin, `/api/results/editions/2027/rounds/${DEMO_RESULTS_ROUND}`)).status).toBe(404);
  });

  it('progress per round: entries, pairs assigned and reviews submitted', async () => {
    const { t, manager, demo } = await setUp();
    const body = (await (await get(t, manager, '/api/results/editions/2026')).json()) as {
      rounds: { id: string; state: string; entries: number; assigned: number; submitted: number }[];
    };
    expect(body.rounds.map((r) => [r.id, r.state, r.entries, r.assigned, r.submitted])).toEqual([
      [DEMO_RESULTS_ROUND, 'closed', 11, demo.assignments.length, 25],
      [demoIds.round, 'open', 11, 22, 0],
    ]);
  });

  it('a round’s leaderboards, jurors left raw, the fairness table and the sort', async () => {
    const { t, manager } = await setUp();
    const body = (await (await get(t, manager, base)).json()) as RoundResults;
    expect(body.reviews).toBe(25);
    // Sorted by total within each category; the Romanian entry (its only reader wrote it) has no juror.
    expect(body.categories.map((c) => [c.id, c.entries.map((e) => e.number)])).toEqual([
      ['2026-written', ['MIS-2026-0008', 'MIS-2026-0001', 'MIS-2026-0004', 'MIS-2026-0012']],
      ['2026-video', ['MIS-2026-0002']],
      ['2026-audio', ['MIS-2026-0009', 'MIS-2026-0003']],
      ['2026-photo', ['MIS-2026-0007', 'MIS-2026-0005']],
      ['2026-student', ['MIS-2026-0010', 'MIS-2026-0011']],
    ]);
    // Student: raw and normalised ranks differ (the switch matters).
    const student = body.categories.find((c) => c.id === '2026-student')?.entries ?? [];
    expect(student.map((e) => [e.number, e.rank.raw, e.rank.normalised])).toEqual([
      ['MIS-2026-0010', 1, 2],
      ['MIS-2026-0011', 2, 1],
    ]);
    const anna = body.jurors.find((j) => j.id === demoIds.juror('anna'));
    expect([anna?.count, anna?.leftRaw]).toEqual([2, 'fewReviews']);
    expect(body.fairness.filter((l) => l.flagged).map((l) => [l.language, l.count])).toEqual([['hu', 2]]);
    const written = body.categories.find((c) => c.id === '2026-written');
    const first = written?.entries.find((e) => e.number === 'MIS-2026-0001');
    expect(first?.disagreements).toEqual([{ key: 'accuracy', low: 1, high: 5, apart: 4 }]);
    const sorted = (await (await get(t, manager, `${base}?sort=disagreement`)).json()) as RoundResults;
    expect(sorted.sort).toBe('disagreement');
    expect(sorted.categories.find((c) => c.id === '2026-written')?.entries[0]?.number).toBe('MIS-2026-0001');
    const fallback = (await (await get(t, manager, `${base}?sort=%3Cscript%3E`)).json()) as RoundResults;
    expect(fallback.sort).toBe('total');
  });

  it('the score sheet as CSV and XLSX: one row per submitted review, numbers as numbers, formula-like text exact', async () => {
    const { t, manager } = await setUp();
    await t.db
      .update(entries)
      .set({ title: '=HYPERLINK("http://x")' })
      .where(eq(entries.id, demoIds.entry(0)));
    const csv = await get(t, manager, `${base}/export/csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="scores-2026-${DEMO_RESULTS_ROUND}.csv"`);
    const lines = (await csv.text()).split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '"Entry","Title","Category","Language","Juror","Accuracy","Balance and fairness","Non-stigmatising language","Originality","Craft","Abstained on the entry","Weighted total","Normalised total","Entry mean","Entry normalised mean"',
      // CSV follows functions/http/csv.ts: a formula start gets a leading apostrophe.
      '"MIS-2026-0001","\'=HYPERLINK(""http://x"")","Written and online journalism","sk","Éva Horváth","1","3","3","3","3","","2.3333","2.477","3.4444","3.3744"',
      '"MIS-2026-0001","\'=HYPERLINK(""http://x"")","Written and online journalism","sk","Jan Novák","5","4","5","4","4","","4.5556","4.2718","3.4444","3.3744"',
    ]);
    // Header, 25 submitted reviews (Anna's drafts left out), and the last line's end.
    expect(lines.length).toBe(27);
    const xlsx = await get(t, manager, `${base}/export/xlsx`);
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // Numbers as numbers; the formula-like title as inline text with the quote-prefix style, exactly as typed.
    expect(sheet.match(/<row r="2">.*?<\/row>/)?.[0]).toBe(
      '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">MIS-2026-0001</t></is></c>' +
        '<c r="B2" s="4" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t></is></c>' +
        '<c r="C2" t="inlineStr"><is><t xml:space="preserve">Written and online journalism</t></is></c>' +
        '<c r="D2" t="inlineStr"><is><t xml:space="preserve">sk</t></is></c>' +
        '<c r="E2" t="inlineStr"><is><t xml:space="preserve">Éva Horváth</t></is></c>' +
        '<c r="F2"><v>1</v></c><c r="G2"><v>3</v></c><c r="H2"><v>3</v></c><c r="I2"><v>3</v></c><c r="J2"><v>3</v></c>' +
        '<c r="L2"><v>2.3333</v></c><c r="M2"><v>2.477</v></c><c r="N2"><v>3.4444</v></c><c r="O2"><v>3.3744</v></c></row>',
    );
    expect(strFromU8(files['xl/workbook.xml'] as Uint8Array)).toContain('<sheet name="Scores"');
  });
});
