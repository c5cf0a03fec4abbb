import { describe, expect, it, vi } from 'vitest';
import type { MaterialsDirectory } from '../deps.ts';
import { createTestApp, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { createUser } from '../testing/factories.ts';
import { solvedChallenge } from '../testing/pow.ts';
import { signedIn } from '../testing/sign-in.ts';

/** Two downloadable files, as the site's manifest would list them. */
const library: MaterialsDirectory = {
  fileUrl: async (id, file) =>
    id === 'arriving-worksheet' && ['worksheet-sk.pdf', 'worksheet-en.pdf'].includes(file)
      ? `/materials/${id}/${file}`
      : undefined,
  has: async (id) => id === 'arriving-worksheet',
};
const app = () => createTestApp(new Date('2026-11-23T10:00:00Z'), { materials: library });
const download = (file: string, lang = 'en', id = 'arriving-worksheet') =>
  `/api/materials/${id}/download?file=${encodeURIComponent(file)}&lang=${lang}`;
/** The download button's form post, as the material page sends it. */
const press = (file: string, lang = 'en', headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin: TEST_ORIGIN,
    'sec-fetch-site': 'same-origin',
    ...headers,
  },
  body: new URLSearchParams({ file, lang }).toString(),
});
const pressDownload = (
  t: { request: (p: string, i?: RequestInit) => Promise<Response> },
  file: string,
  lang = 'en',
  id = 'arriving-worksheet',
  headers: Record<string, string> = {},
) => t.request(`/api/materials/${id}/download`, press(file, lang, headers));

describe('counted downloads without tracking people', () => {
  it('the button’s post counts (material, file, locale, day), nothing else, and sends the browser to the file', async () => {
    const t = await app();
    const response = await pressDownload(t, 'worksheet-en.pdf', 'en', 'arriving-worksheet', {
      'user-agent': 'Firefox',
      'cf-connecting-ip': '203.0.113.9',
      cookie: 'a=b',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/materials/arriving-worksheet/worksheet-en.pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    await pressDownload(t, 'worksheet-en.pdf');
    await pressDownload(t, 'worksheet-sk.pdf', 'sk');
    t.advance(24 * 60 * 60_000);
    await pressDownload(t, 'worksheet-en.pdf');

    const rows = await t.client.execute('SELECT * FROM download_counts ORDER BY day, file');
    expect(rows.columns).toEqual(['material_id', 'file', 'locale', 'day', 'count']);
    expect(rows.rows.map((r) => [r.file, r.locale, r.day, r.count])).toEqual([
      ['worksheet-en.pdf', 'en', '2026-11-23', 2],
      ['worksheet-sk.pdf', 'sk', '2026-11-23', 1],
      ['worksheet-en.pdf', 'en', '2026-11-24', 1],
    ]);
    // No personal data anywhere in the table, whatever the request carried.
    expect(JSON.stringify(rows.rows)).not.toMatch(/203\.0\.113|Firefox|a=b/);
  });

  it('opening the download URL (GET or HEAD: a crawler, a link preview) redirects to the file and counts nothing', async () => {
    const t = await app();
    const get = await t.request(download('worksheet-en.pdf'));
    const head = await t.request(download('worksheet-en.pdf'), { method: 'HEAD' });
    expect([get.status, get.headers.get('location'), head.status, head.headers.get('location')]).toEqual([
      302,
      '/materials/arriving-worksheet/worksheet-en.pdf',
      302,
      '/materials/arriving-worksheet/worksheet-en.pdf',
    ]);
    expect((await t.client.execute('SELECT count(*) AS n FROM download_counts')).rows[0]?.n).toBe(0);
  });

  it('a download post from another site is refused (403) and counts nothing', async () => {
    const t = await app();
    const foreign = await pressDownload(t, 'worksheet-en.pdf', 'en', 'arriving-worksheet', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(foreign.status).toBe(403);
    expect((await t.client.execute('SELECT count(*) AS n FROM download_counts')).rows[0]?.n).toBe(0);
  });

  it('answers 404 for ids and files the library does not list, and counts nothing', async () => {
    const t = await app();
    for (const path of [
      download('secret.pdf'),
      download('../../wrangler.toml'),
      download('worksheet-en.pdf', 'en', 'toString'),
      '/api/materials/arriving-worksheet/download',
    ]) {
      expect([path, (await t.request(path)).status]).toEqual([path, 404]);
    }
    for (const [id, file] of [
      ['arriving-worksheet', 'secret.pdf'],
      ['arriving-worksheet', '../../wrangler.toml'],
      ['toString', 'worksheet-en.pdf'],
      ['arriving-worksheet', ''],
    ] as const) {
      expect([id, file, (await pressDownload(t, file, 'en', id)).status]).toEqual([id, file, 404]);
    }
    expect((await t.client.execute('SELECT count(*) AS n FROM download_counts')).rows[0]?.n).toBe(0);
  });

  it('still serves the file when the database is down: the counter never breaks a download', async () => {
    const t = await app();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await t.client.execute('DROP TABLE download_counts');
    const broken = await pressDownload(t, 'worksheet-en.pdf');
    expect([broken.status, broken.headers.get('location')]).toEqual([
      303,
      '/materials/arriving-worksheet/worksheet-en.pdf',
    ]);
    t.client.close();
    const down = await pressDownload(t, 'worksheet-sk.pdf', 'sk');
    expect([down.status, down.headers.get('location')]).toEqual([
      303,
      '/materials/arriving-worksheet/worksheet-sk.pdf',
    ]);
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });
});

describe('"How did you use it?" answers and the impact summary', () => {
  const answer = (extra: Record<string, unknown> = {}) => ({
    materialId: 'arriving-worksheet',
    lang: 'en',
    students: 24,
    ageGroup: '13-15',
    schoolType: 'lower-secondary',
    comment: 'Good discussion.',
    ...extra,
  });

  it('stores an anonymous answer and refuses a bad one with every problem at once', async () => {
    const t = await app();
    expect((await t.request('/api/materials/feedback', postJson(answer()))).status).toBe(201);
    const bad = await t.request(
      '/api/materials/feedback',
      postJson(answer({ students: 'many', ageGroup: '', schoolType: 'pub', comment: 'x'.repeat(1001) })),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { field: string; message: string }[] }).fields).toEqual([
      { field: 'students', code: 'feedback.studentsInvalid', message: 'Enter the number of learners, like 25' },
      { field: 'ageGroup', code: 'feedback.ageGroupRequired', message: 'Choose the age group' },
      { field: 'schoolType', code: 'feedback.schoolTypeRequired', message: 'Choose the type of school or group' },
      { field: 'comment', code: 'feedback.commentTooLong', message: 'Use 1000 characters or fewer' },
    ]);
    expect(
      (await t.request('/api/materials/feedback', postJson(answer({ materialId: 'no-such-material' })))).status,
    ).toBe(404);
    const rows = await t.client.execute('SELECT * FROM material_feedback');
    expect(rows.columns).toEqual([
      'id',
      'material_id',
      'locale',
      'students',
      'age_group',
      'school_type',
      'comment',
      'created_at',
    ]);
    expect(rows.rows).toHaveLength(1);
  });

  it('S03 asks a client sending many answers for proof of work', async () => {
    const t = await app();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await t.request('/api/materials/feedback', postJson(answer()))).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    expect(
      (await t.request('/api/materials/feedback', postJson(answer({ altcha: await solvedChallenge(t) })))).status,
    ).toBe(201);
  });

  it('shows organisers downloads per material and month and the impact, and exports formula-safe CSV (S18)', async () => {
    const t = await app();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    await createUser(t.db, { email: 'entrant@example.org', roles: [{ role: 'entrant' }] });
    await pressDownload(t, 'worksheet-en.pdf');
    await pressDownload(t, 'worksheet-sk.pdf', 'sk');
    await t.request('/api/materials/feedback', postJson(answer()));
    await t.request(
      '/api/materials/feedback',
      postJson(
        answer({
          students: 6,
          ageGroup: 'adults',
          schoolType: 'informal',
          comment: '=HYPERLINK("http://evil.example","click")',
        }),
      ),
    );

    const coordinator = await signedIn(t, 'coord@example.org');
    const stats = (await (await t.request('/api/admin/materials/stats', { headers: coordinator.header() })).json()) as {
      downloads: {
        total: number;
        months: { month: string; count: number }[];
        materials: { materialId: string; total: number; byLocale: Record<string, number> }[];
      };
      impact: {
        answers: number;
        students: number;
        byAgeGroup: Record<string, number>;
        bySchoolType: Record<string, number>;
      };
    };
    expect(stats.downloads.total).toBe(2);
    expect(stats.downloads.months.at(-1)).toEqual({ month: '2026-11', count: 2 });
    expect(stats.downloads.materials).toEqual([
      expect.objectContaining({ materialId: 'arriving-worksheet', total: 2, byLocale: { en: 1, sk: 1 } }),
    ]);
    expect(stats.impact).toMatchObject({
      answers: 2,
      students: 30,
      byAgeGroup: { '13-15': 24, adults: 6 },
      bySchoolType: { 'lower-secondary': 24, informal: 6 },
    });

    const csv = await t.request('/api/admin/materials/feedback.csv', { headers: coordinator.header() });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="spotlight-material-feedback.csv"');
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/,"=/);
    const bytes = new Uint8Array(
      await (await t.request('/api/admin/materials/downloads.csv', { headers: coordinator.header() })).arrayBuffer(),
    );
    // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const downloads = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(downloads).toBe(
      '\uFEFF"day","material","file","locale","downloads"\r\n"2026-11-23","arriving-worksheet","worksheet-en.pdf","en","1"\r\n"2026-11-23","arriving-worksheet","worksheet-sk.pdf","sk","1"\r\n',
    );

    const entrant = await signedIn(t, 'entrant@example.org');
    expect((await t.request('/api/admin/materials/stats', { headers: entrant.header() })).status).toBe(403);
    expect((await t.request('/api/admin/materials/downloads.csv')).status).toBe(401);
  });
});
