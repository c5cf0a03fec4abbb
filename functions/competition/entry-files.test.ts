import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUploadRow, createUser, type CookieJar } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { insertDemoEditions } from './demo-edition.ts';
import { entryUploadPolicy } from './entry-files.service.ts';
import { categoryUploadRules } from './upload-rules.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const DAY = 24 * 60 * 60_000;

const post = (t: T, jar: CookieJar, path: string, body: unknown = {}) => t.request(path, postJson(body, jar.header()));

/** The demo editions, a journalist with a draft in `category`, and a second journalist. */
async function setUp(category = '2027-written') {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const jana = await createUser(t.db, { email: 'jana@example.org' });
  const petra = await createUser(t.db, { email: 'petra@example.org' });
  const jar = await signedIn(t, 'jana@example.org');
  const other = await signedIn(t, 'petra@example.org');
  const { id } = (await (await post(t, jar, '/api/competition/editions/2027/entries')).json()) as { id: string };
  expect(
    (await post(t, jar, `/api/competition/entries/${id}/steps/work`, { title: 'Reportáž', categoryId: category }))
      .status,
  ).toBe(200);
  return { t, jar, other, jana, petra, id };
}

/** An upload row as the upload service leaves it (R2 is exercised in the uploads' workers tests). */
const upload = (
  t: T,
  ownerId: string,
  purpose: string,
  state: 'pending' | 'complete' = 'complete',
  type = 'application/pdf',
) => createUploadRow(t.db, { ownerId, purpose, state, detectedType: type, declaredSize: 1234, now: t.deps.clock() });

const files = async (t: T, entryId: string) =>
  (
    await t.client.execute({
      sql: 'SELECT id, kind, name, size, type, upload_key FROM competition_entry_files WHERE entry_id = ? ORDER BY created_at',
      args: [entryId],
    })
  ).rows.map((r) => ({ ...r }));

describe('upload rules of a category (pure)', () => {
  it('maps the media types a category lists to upload kinds, with its size limit', () => {
    expect(categoryUploadRules({ fileTypes: ['audio/mpeg', 'audio/mp4'], maxFileBytes: 500 })).toEqual({
      accept: ['m4a', 'mp3'],
      maxBytes: 500,
    });
    expect(categoryUploadRules({ fileTypes: ['application/x-unknown'], maxFileBytes: 500 })).toBeNull();
    expect(categoryUploadRules({ fileTypes: [], maxFileBytes: 500 })).toBeNull();
  });
});

describe('files of a competition entry (node, libSQL)', () => {
  it('the upload policy gives the owner the category’s rules while the entry may change', async () => {
    const { t, jana, petra, id } = await setUp('2027-video');
    const policy = (userId: string, purpose = `entry:${id}`) =>
      entryUploadPolicy(t.deps, { userId, roles: [] }, purpose);
    expect(await policy(jana)).toEqual({ accept: ['mp4'], maxBytes: 2_000_000_000 });
    // S07: someone else's entry, or one that does not exist, gives no rules at all.
    expect(await policy(petra)).toBeNull();
    expect(await policy(jana, `entry:${crypto.randomUUID()}`)).toBeNull();
    // After the deadline (and without an extension) nothing more may be uploaded.
    t.advance(121 * DAY);
    expect(await policy(jana)).toBeNull();
  });

  it('the upload API takes the entry’s rules: another entrant is refused, the category’s size limit applies', async () => {
    const { t, jar, other, id } = await setUp();
    const start = (who: CookieJar, size: number) =>
      post(t, who, '/api/uploads', { purpose: `entry:${id}`, name: 'a.pdf', size });
    const stranger = await start(other, 1000);
    expect([stranger.status, ((await stranger.json()) as { code: string }).code]).toEqual([
      404,
      'upload.purposeInvalid',
    ]);
    const huge = await start(jar, 21 * 1024 * 1024);
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, 'upload.tooLarge']);
  });

  it('a draft without a category has no upload rules yet', async () => {
    const t = await createTestApp();
    await insertDemoEditions(t.db, t.deps.clock());
    const jana = await createUser(t.db, { email: 'jana@example.org' });
    const jar = await signedIn(t, 'jana@example.org');
    const { id } = (await (await post(t, jar, '/api/competition/editions/2027/entries')).json()) as { id: string };
    expect(await entryUploadPolicy(t.deps, { userId: jana, roles: [] }, `entry:${id}`)).toBeNull();
  });

  it('attaches a completed upload as a work file, idempotently, and removes it', async () => {
    const { t, jar, jana, id } = await setUp();
    const uploadId = await upload(t, jana, `entry:${id}`);
    for (let i = 0; i < 2; i++) {
      const r = await post(t, jar, `/api/competition/entries/${id}/files`, { uploadId });
      expect([r.status, await r.json()]).toEqual([200, { status: 'attached', id: uploadId }]);
    }
    expect(await files(t, id)).toEqual([
      {
        id: uploadId,
        kind: 'work',
        name: 'Reportáž.pdf',
        size: 1234,
        type: 'application/pdf',
        upload_key: `uploads/${uploadId}`,
      },
    ]);
    const read = (await (await t.request(`/api/competition/entries/${id}`, { headers: jar.header() })).json()) as {
      files: { id: string }[];
    };
    expect(read.files.map((f) => f.id)).toEqual([uploadId]);
    const audited = await t.client.execute({
      sql: "SELECT action FROM audit_log WHERE object_id = ? AND action LIKE 'competition.entry.file%'",
      args: [id],
    });
    expect(audited.rows.map((r) => r.action)).toEqual(['competition.entry.fileAttached']);

    expect((await post(t, jar, `/api/competition/entries/${id}/files/${uploadId}/remove`)).status).toBe(200);
    expect(await files(t, id)).toEqual([]);
    expect((await post(t, jar, `/api/competition/entries/${id}/files/${uploadId}/remove`)).status).toBe(404);
  });

  it('S07 another entrant’s upload or entry answers 404; an upload for another purpose or not complete is refused', async () => {
    const { t, jar, other, jana, petra, id } = await setUp();
    const mine = await upload(t, jana, `entry:${id}`);
    const theirs = await upload(t, petra, `entry:${id}`);
    const pending = await upload(t, jana, `entry:${id}`, 'pending');
    const forTest = await upload(t, jana, 'test');
    for (const uploadId of [theirs, pending, forTest, crypto.randomUUID(), 'not-a-uuid']) {
      const r = await post(t, jar, `/api/competition/entries/${id}/files`, { uploadId });
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([404, 'upload.notFound']);
    }
    // The other journalist cannot attach to (or remove from) Jana's entry, even her own upload.
    const stranger = await post(t, other, `/api/competition/entries/${id}/files`, { uploadId: theirs });
    expect([stranger.status, ((await stranger.json()) as { code: string }).code]).toEqual([404, 'request.notFound']);
    expect((await post(t, jar, `/api/competition/entries/${id}/files`, { uploadId: mine })).status).toBe(200);
    expect((await post(t, other, `/api/competition/entries/${id}/files/${mine}/remove`)).status).toBe(404);
    expect((await files(t, id)).map((f) => f.id)).toEqual([mine]);
  });

  it('refuses attaching and removing after the deadline (409), keeping the files', async () => {
    const setup = await setUp();
    const { t, jana, id } = setup;
    const first = await upload(t, jana, `entry:${id}`);
    const late = await upload(t, jana, `entry:${id}`);
    expect((await post(t, setup.jar, `/api/competition/entries/${id}/files`, { uploadId: first })).status).toBe(200);
    t.advance(121 * DAY);
    // The session has long expired: she signs in again.
    const jar = await signedIn(t, 'jana@example.org');
    const attach = await post(t, jar, `/api/competition/entries/${id}/files`, { uploadId: late });
    expect([attach.status, ((await attach.json()) as { code: string }).code]).toEqual([409, 'competition.closed']);
    expect((await post(t, jar, `/api/competition/entries/${id}/files/${first}/remove`)).status).toBe(409);
    expect((await files(t, id)).map((f) => f.id)).toEqual([first]);
  });

  it('eligibility sees attached files: a video entry needs its work file, and a submitted one keeps it', async () => {
    const { t, jar, jana, id } = await setUp('2027-video');
    const publishedOn = new Date(t.deps.clock().getTime() - 30 * DAY).toISOString().slice(0, 10);
    const steps: Record<string, unknown> = {
      work: {
        title: 'Video',
        categoryId: '2027-video',
        language: 'sk',
        outlet: 'RTVS',
        publishedOn,
        summary: 'Zhrnutie.',
      },
      authors: { country: 'SK', authors: [{ name: 'Jana Nováková', role: 'camera' }] },
      declarations: { declaredOwnWork: true, declaredLicence: true, declaredRules: true, declaredPrivacy: true },
    };
    for (const [step, body] of Object.entries(steps))
      expect((await post(t, jar, `/api/competition/entries/${id}/steps/${step}`, body)).status).toBe(200);
    const refused = await post(t, jar, `/api/competition/entries/${id}/submit`);
    expect(await refused.json()).toMatchObject({
      code: 'competition.notEligible',
      fields: [{ field: 'files', code: 'competition.problem.filesMissing' }],
    });

    const video = await upload(t, jana, `entry:${id}`, 'complete', 'video/mp4');
    expect((await post(t, jar, `/api/competition/entries/${id}/files`, { uploadId: video })).status).toBe(200);
    expect((await post(t, jar, `/api/competition/entries/${id}/submit`)).status).toBe(200);
    // Removing the only work file would make the submitted entry ineligible: refused, file kept.
    const remove = await post(t, jar, `/api/competition/entries/${id}/files/${video}/remove`);
    expect(await remove.json()).toMatchObject({
      code: 'competition.notEligible',
      fields: [{ field: 'files', code: 'competition.problem.filesMissing' }],
    });
    expect((await files(t, id)).map((f) => f.id)).toEqual([video]);
  });
});
