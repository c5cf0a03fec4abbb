import { describe, expect, it } from 'vitest';
import { uploads } from '../db/schema/index.ts';
import { erasePersonalData, exportPersonalData } from '../privacy/data-rights.service.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUploadRow, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { completedUploadFor, STALE_AFTER_MS, stalePendingUploads } from './uploads.service.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** An upload row as the service writes it (R2 itself is exercised in uploads.workers.test.ts). */
const uploadRow = (t: TestApp, ownerId: string, state: 'pending' | 'complete' = 'pending') =>
  createUploadRow(t.db, { ownerId, state, now: t.deps.clock() });

describe('uploads API (libSQL)', () => {
  it('S07 another person gets 404 for every route of an upload, like an id that does not exist', async () => {
    const t = await createTestApp();
    const owner = await createUser(t.db, { email: 'owner@example.org' });
    await createUser(t.db, { email: 'other@example.org' });
    const id = await uploadRow(t, owner);
    const ownerJar = await signedIn(t, 'owner@example.org');
    const otherJar = await signedIn(t, 'other@example.org');

    const mine = await t.request(`/api/uploads/${id}`, { headers: ownerJar.header() });
    expect(await mine.json()).toMatchObject({
      id,
      name: 'Reportáž.pdf',
      state: 'pending',
      size: 1000,
      partCount: 1,
      partsReceived: [],
    });

    const missing = await t.request(`/api/uploads/${crypto.randomUUID()}`, { headers: otherJar.header() });
    const theirs = await t.request(`/api/uploads/${id}`, { headers: otherJar.header() });
    expect(theirs.status).toBe(404);
    const [a, b] = [await missing.json(), await theirs.json()] as { code: string; message: string }[];
    expect([a?.code, a?.message]).toEqual([b?.code, b?.message]);

    const write = { method: 'POST', headers: { ...otherJar.header(), origin: 'https://spotlight.test' } };
    expect((await t.request(`/api/uploads/${id}/complete`, write)).status).toBe(404);
    expect((await t.request(`/api/uploads/${id}/abort`, write)).status).toBe(404);
    expect((await t.request(`/api/uploads/${id}/file`, { headers: otherJar.header() })).status).toBe(404);
    const part = await t.request(`/api/uploads/${id}/parts/1`, {
      method: 'PUT',
      headers: { ...write.headers, 'content-length': '4' },
      body: '%PDF',
    });
    expect(part.status).toBe(404);
    expect(await (await t.request('/api/uploads?purpose=test', { headers: otherJar.header() })).json()).toEqual({
      uploads: [],
    });
    expect(
      (await (await t.request('/api/uploads?purpose=test', { headers: ownerJar.header() })).json()) as object,
    ).toMatchObject({ uploads: [{ id }] });
  });

  it('needs a signed-in person and a purpose with rules; S07 status fields sent by the client are ignored', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'owner@example.org' });
    const jar = await signedIn(t, 'owner@example.org');
    expect((await t.request('/api/uploads', postJson({ purpose: 'test', name: 'a.pdf', size: 10 }))).status).toBe(401);
    const unknown = await t.request(
      '/api/uploads',
      postJson({ purpose: 'secret', name: 'a.pdf', size: 10 }, jar.header()),
    );
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'upload.purposeInvalid']);
    const bad = await t.request('/api/uploads', postJson({ purpose: '../x', size: 0 }, jar.header()));
    expect(await bad.json()).toMatchObject({
      code: 'validation.failed',
      fields: [
        { field: 'purpose', code: 'upload.purposeInvalid' },
        { field: 'size', code: 'upload.empty' },
      ],
    });
    // Over the limit is refused before R2 is touched; the test app has no bucket at all.
    const huge = await t.request(
      '/api/uploads',
      postJson({ purpose: 'test', name: 'a.mp4', size: 200 * 1024 * 1024, state: 'complete' }, jar.header()),
    );
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, 'upload.tooLarge']);
    // Tester finding: a declared size of 1e300 was told "the file is empty"; not a byte count: "invalid size".
    const absurd = await t.request(
      '/api/uploads',
      postJson({ purpose: 'test', name: 'a.mp4', size: 1e300 }, jar.header()),
    );
    expect([absurd.status, ((await absurd.json()) as { code: string }).code]).toEqual([413, 'upload.tooLarge']);
    const fraction = await t.request(
      '/api/uploads',
      postJson({ purpose: 'test', name: 'a.mp4', size: 1.5 }, jar.header()),
    );
    expect(await fraction.json()).toMatchObject({
      code: 'validation.failed',
      fields: [{ field: 'size', code: 'upload.sizeInvalid' }],
    });
  });

  it('finds uploads pending for more than 24 hours, by the clock', async () => {
    const t = await createTestApp();
    const owner = await createUser(t.db, { email: 'owner@example.org' });
    const old = await uploadRow(t, owner);
    await uploadRow(t, owner, 'complete');
    t.advance(STALE_AFTER_MS - 60_000);
    const fresh = await uploadRow(t, owner);
    expect(await stalePendingUploads(t.db, t.deps.clock())).toEqual([]);
    t.advance(2 * 60_000);
    expect((await stalePendingUploads(t.db, t.deps.clock())).map((u) => u.id)).toEqual([old]);
    t.advance(STALE_AFTER_MS);
    expect((await stalePendingUploads(t.db, t.deps.clock())).map((u) => u.id)).toEqual([old, fresh]);
  });

  it('S19 the data export lists the person’s uploads; erasure removes them', async () => {
    const t = await createTestApp();
    const owner = await createUser(t.db, { email: 'owner@example.org' });
    const other = await createUser(t.db, { email: 'other@example.org' });
    await uploadRow(t, owner, 'complete');
    await uploadRow(t, owner);
    const kept = await uploadRow(t, other);
    const data = await exportPersonalData(t.deps, owner);
    expect(data?.uploads.map((u) => [u.name, u.state, u.size])).toEqual([
      ['Reportáž.pdf', 'complete', 1000],
      ['Reportáž.pdf', 'pending', 1000],
    ]);
    expect(await erasePersonalData(t.deps, owner)).toBe(true);
    expect((await t.db.select({ id: uploads.id }).from(uploads)).map((u) => u.id)).toEqual([kept]);
  });

  it('S07 only the owner’s complete upload for exactly that purpose can be attached', async () => {
    const t = await createTestApp();
    const owner = await createUser(t.db, { email: 'owner@example.org' });
    const other = await createUser(t.db, { email: 'other@example.org' });
    const done = await uploadRow(t, owner, 'complete');
    const pending = await uploadRow(t, owner);
    expect((await completedUploadFor(t.db, owner, done, 'test')).state).toBe('complete');
    for (const [who, id, purpose] of [
      [other, done, 'test'],
      [owner, pending, 'test'],
      [owner, done, 'entry:1'],
    ] as const) {
      await expect(completedUploadFor(t.db, who, id, purpose)).rejects.toMatchObject({
        code: 'upload.notFound',
        status: 404,
      });
    }
  });
});
