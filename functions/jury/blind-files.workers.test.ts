// Preparing a round's blind copies in workerd (D1 + R2): what a stripper cannot read is named
// before a juror meets it, and no unstripped copy is ever stored.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { eq } from 'drizzle-orm';
import { entryFiles } from '../db/schema/index.ts';
import { createUploadRow } from '../testing/factories.ts';
import { blindKey } from '../uploads/uploads.service.ts';
import { prepareBlindCopies } from './blind-files.service.ts';
import { demoIds, demoMedia, insertDemoJury } from './demo-jury.ts';

const db = dbFromD1(env.DB);

/** A complete upload of `bytes` with the detected `type`, attached to a demo entry. */
async function attach(entry: number, type: string, bytes: Uint8Array, now: Date) {
  const id = await createUploadRow(db, {
    ownerId: demoIds.entrant(entry),
    state: 'complete',
    detectedType: type,
    declaredSize: bytes.length,
    now,
  });
  await env.FILES.put(`uploads/${id}`, bytes);
  await db.insert(entryFiles).values({
    id,
    entryId: demoIds.entry(entry),
    uploadKey: `uploads/${id}`,
    kind: 'work',
    name: 'Zuzana Hlavatá.pdf',
    size: bytes.length,
    type,
    createdAt: now,
  });
  return id;
}

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  await insertDemoJury(db, now);
  // The demo video's bytes are put into R2 by scripts/seed-jury.ts, not here: without them its row
  // would be named unreadable. This test judges only the files it attaches itself.
  for (const m of demoMedia) await db.delete(entryFiles).where(eq(entryFiles.id, m.id));
});

describe('blind copies of a round (workerd, R2)', () => {
  it('makes the copies it can, names the files a stripper cannot read, and skips kinds it cannot strip', async () => {
    const now = new Date();
    const doc = await PDFDocument.create();
    doc.setAuthor('Zuzana Hlavatá');
    doc.addPage();
    const pdf = await attach(0, 'application/pdf', new Uint8Array(await doc.save()), now);
    // Says it is an MP3, but after the tag there is no MPEG frame: no copy rather than a dirty one.
    const broken = await attach(1, 'audio/mpeg', new TextEncoder().encode('not audio at all, by Iryna Koval'), now);
    const webm = await attach(2, 'video/webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), now);

    const first = await prepareBlindCopies({ db, files: env.FILES }, '2026', demoIds.round);
    const named = {
      fileId: broken,
      entryId: demoIds.entry(1),
      number: 'MIS-2026-0002',
      title: 'Na hranici v Užhorode',
      type: 'audio/mpeg',
      size: 32,
      reason: 'unreadable',
    };
    expect(first).toEqual({ made: 1, unreadable: [named] });
    const copy = await env.FILES.get(blindKey(pdf));
    expect(new TextDecoder('latin1').decode(await copy!.arrayBuffer())).not.toContain('Hlavat');
    expect(await env.FILES.head(blindKey(broken))).toBeNull();
    expect(await env.FILES.head(blindKey(webm))).toBeNull();
    // Again: the copy made is kept, the unreadable file is named again.
    expect(await prepareBlindCopies({ db, files: env.FILES }, '2026', demoIds.round)).toEqual({
      made: 0,
      unreadable: [named],
    });
  });
});
