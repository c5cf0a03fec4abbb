import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { entryFiles } from '../db/schema/index.ts';
import { depsFromEnv } from '../env.ts';
import { createEntryRow, createUser, sessionCookie } from '../testing/factories.ts';
import { insertDemoEditions } from './demo-edition.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);
const PDF = new TextEncoder().encode('%PDF-1.7\n% a tiny test file\n');

let entryId = '';
let of2026 = '';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  const entrant = await createUser(db, { email: 'org-w-entrant@example.org' });
  entryId = await createEntryRow(db, { entrantId: entrant, seq: 901, title: 'Na hranici', outlet: 'Denník N' });
  of2026 = await createEntryRow(db, { editionId: '2026', entrantId: entrant, seq: 901, title: 'Old' });
  await env.FILES!.put('uploads/org-w-file', PDF);
  await db.insert(entryFiles).values({
    id: 'org-w-file',
    entryId,
    uploadKey: 'uploads/org-w-file',
    kind: 'work',
    name: 'Reportáž "finál".pdf',
    size: PDF.byteLength,
    type: 'application/pdf',
    createdAt: now,
  });
  for (const [name, roles] of [
    ['m2027', [{ role: 'competition_manager' as const, scope: 'edition:2027' }]],
    ['m2026', [{ role: 'competition_manager' as const, scope: 'edition:2026' }]],
  ] as const) {
    const id = await createUser(db, { email: `org-w-${name}@example.org`, roles: [...roles] });
    cookies[name] = await sessionCookie(db, id, now);
  }
});

async function get(path: string, cookie: string) {
  const app = createApp(depsFromEnv(env));
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  return app.request(`${ORIGIN}${path}`, { headers: { cookie } }, env, ctx);
}

describe("the organisers' entry on D1 and R2 (Workers runtime)", () => {
  it('finds the entry by number and outlet on D1, and reads it with its file', async () => {
    const listed = await get('/api/competition/manage/editions/2027/entries?q=denník&size=10', cookies.m2027!);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { entries: { number: string }[]; page: unknown };
    expect(body.entries.map((e) => e.number)).toEqual(['MIS-2027-0901']);
    expect(body.page).toEqual({ page: 1, size: 10, total: 1, pages: 1 });
    const read = await get(`/api/competition/manage/editions/2027/entries/${entryId}`, cookies.m2027!);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { files: { name: string }[] }).files.map((f) => f.name)).toEqual([
      'Reportáž "finál".pdf',
    ]);
  });

  it('serves the file as an attachment, or inline for the preview, never sniffed', async () => {
    const path = `/api/competition/manage/editions/2027/entries/${entryId}/files/org-w-file`;
    const download = await get(path, cookies.m2027!);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBeNull();
    const preview = await get(`${path}?view=inline`, cookies.m2027!);
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; filename="/);
    expect(preview.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src 'self'; frame-ancestors 'self'",
    );
    expect(new Uint8Array(await preview.arrayBuffer())).toEqual(PDF);
  });

  it('IDOR: a manager of 2026 gets 404 for the 2027 entry and its file, by either edition in the path', async () => {
    for (const path of [
      `/api/competition/manage/editions/2027/entries/${entryId}`,
      `/api/competition/manage/editions/2026/entries/${entryId}`,
      `/api/competition/manage/editions/2027/entries/${entryId}/files/org-w-file`,
      `/api/competition/manage/editions/2026/entries/${entryId}/files/org-w-file`,
    ]) {
      const answer = await get(path, cookies.m2026!);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(await answer.json()).toMatchObject({ code: 'request.notFound' });
    }
    expect((await get(`/api/competition/manage/editions/2026/entries/${of2026}`, cookies.m2026!)).status).toBe(200);
    expect((await get(`/api/competition/manage/editions/2027/entries/${of2026}`, cookies.m2027!)).status).toBe(404);
  });
});
