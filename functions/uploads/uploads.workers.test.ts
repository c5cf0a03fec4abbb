import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { strToU8, Zip, ZipDeflate, zipSync, zlibSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromD1 } from '../db/client.ts';
import { depsFromEnv } from '../env.ts';
import { erasePersonalData } from '../privacy/data-rights.service.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';
import { makeBlindCopy } from './blind-copy.service.ts';
import type { UploadRules } from './parts.ts';
import { abortStaleUploads, storeStream, type UploadView } from './uploads.service.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const MiB = 1024 * 1024;
const db = dbFromD1(env.DB);
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  for (const name of ['owner', 'other', 'leaver']) {
    await createUser(db, { id: name, email: `${name}@example.org`, createdAt: now });
    cookies[name] = await sessionCookie(db, name, now);
  }
});

/** The API as the Worker builds it (D1 + R2), optionally with a moved clock. */
function request(path: string, init: RequestInit = {}, clock?: () => Date) {
  const deps = depsFromEnv(env);
  return createApp(clock ? { ...deps, clock } : deps).request(`${ORIGIN}${path}`, init, env);
}

const as = (who: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    origin: ORIGIN,
    'accept-language': 'en',
    cookie: cookies[who]!,
    ...(init.headers as Record<string, string>),
  },
});
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A file of `size` bytes starting with `magic`. */
function fileOf(size: number, magic: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 251);
  bytes.set(typeof magic === 'string' ? new TextEncoder().encode(magic) : magic);
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8), ~0) ^ ~0) >>> 0;
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const latin1 = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A real PNG (IHDR, IDAT of grey pixels, IEND, with CRCs) of width × height, built here without sharp (no native code in workerd). */
function realPng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Uint8Array | number[]) => {
    const body = new Uint8Array([...latin1(type), ...data]);
    return [...be32(data.length), ...body, ...be32(crc32(body))];
  };
  const rows = new Uint8Array(height * (width + 1)).fill(0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter type 0 per row
  return new Uint8Array([
    0x89,
    ...latin1('PNG\r\n\x1a\n'),
    ...chunk('IHDR', [...be32(width), ...be32(height), 8, 0, 0, 0, 0]),
    ...chunk('IDAT', zlibSync(rows)),
    ...chunk('IEND', []),
  ]);
}

/** A JPEG start: SOI, `app1Bytes` of APP1 (EXIF padding), SOF0 for width × height, the start of the scan. */
function jpegStart(width: number, height: number, app1Bytes = 16): Uint8Array<ArrayBuffer> {
  const app1 = [0xff, 0xe1, (app1Bytes + 2) >> 8, (app1Bytes + 2) & 0xff, ...latin1('Exif\0\0')];
  while (app1.length < app1Bytes + 4) app1.push(0x41);
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  for (let c = 1; c <= 3; c++) sof.push(c, 0x11, 0);
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof, 0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]);
}

/** An MP3 start: an empty ID3v2.4 tag, then an MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz). */
const mp3Start = new Uint8Array([...latin1('ID3'), 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]);

async function start(who: string, name: string, size: number): Promise<UploadView> {
  const response = await request('/api/uploads', as(who, json({ purpose: 'test', name, size })));
  expect(response.status).toBe(201);
  return response.json();
}

/** Sends one part as a streamed body with its Content-Length. */
function sendPart(who: string, id: string, n: number, bytes: Uint8Array<ArrayBuffer>) {
  return request(
    `/api/uploads/${id}/parts/${n}`,
    as(who, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
      body: bytes,
    }),
  );
}

const partOf = (file: Uint8Array<ArrayBuffer>, upload: UploadView, n: number) =>
  file.subarray((n - 1) * upload.partSize, n * upload.partSize);

describe('uploads into R2 (multipart) in the Workers runtime', () => {
  it('creates, sends parts (retrying one), completes and reads back the exact bytes', async () => {
    const file = fileOf(12 * MiB + 123, '%PDF-1.7\n');
    const upload = await start('owner', '../../Reportáž\u202Efdp.exe', file.length);
    expect(upload).toMatchObject({
      name: 'Reportážfdp.exe',
      size: file.length,
      state: 'pending',
      partSize: 5 * MiB,
      partCount: 3,
      receivedBytes: 0,
      partsReceived: [],
    });

    expect((await sendPart('owner', upload.id, 2, partOf(file, upload, 2))).status).toBe(200);
    // Completing too early is refused: part 1 and 3 are missing.
    expect((await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }))).status).toBe(409);
    const first = await sendPart('owner', upload.id, 1, partOf(file, upload, 1));
    expect(await first.json()).toMatchObject({
      type: 'application/pdf',
      partsReceived: [1, 2],
      receivedBytes: 10 * MiB,
    });
    // A retried part replaces itself and counts once.
    await sendPart('owner', upload.id, 2, partOf(file, upload, 2));
    const last = await sendPart('owner', upload.id, 3, partOf(file, upload, 3));
    expect(await last.json()).toMatchObject({ partsReceived: [1, 2, 3], receivedBytes: file.length });

    const done = await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }));
    expect(await done.json()).toMatchObject({ state: 'complete', size: file.length, type: 'application/pdf' });
    const stored = await env.FILES.get(`uploads/${upload.id}`);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(file);

    const download = await request(`/api/uploads/${upload.id}/file`, as('owner'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Reportazfdp.exe.pdf"; filename*=UTF-8''Report%C3%A1%C5%BEfdp.exe.pdf`,
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(file);
    // Completing again answers the same (a retried request).
    expect((await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }))).status).toBe(200);
  }, 30_000);

  it('S13/S14 a first part of the wrong type (or an image bomb) is refused from its first bytes and the upload aborted in R2', async () => {
    const html = fileOf(1000, '<!DOCTYPE html><script>alert(1)</script>%PDF-1.7');
    const upload = await start('owner', 'entry.pdf', html.length);
    const refused = await sendPart('owner', upload.id, 1, html);
    expect(refused.status).toBe(415);
    expect(await refused.json()).toMatchObject({ code: 'upload.typeRejected' });
    expect(await (await request(`/api/uploads/${upload.id}`, as('owner'))).json()).toMatchObject({
      state: 'rejected',
      partsReceived: [],
    });
    // The multipart upload is gone in R2: nothing can be added to it any more.
    const row = await env.DB.prepare('SELECT multipart_upload_id FROM uploads WHERE id = ?')
      .bind(upload.id)
      .first('multipart_upload_id');
    expect(row).toBeNull();
    expect((await sendPart('owner', upload.id, 1, fileOf(1000, '%PDF-1.7'))).status).toBe(409);
    expect(await env.FILES.head(`uploads/${upload.id}`)).toBeNull();

    // S14 a 50,000 × 50,000 px PNG of a few bytes is refused from its header, never decoded.
    const bomb = fileOf(
      100,
      new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0xc3, 0x50, 0, 0,
        0xc3, 0x50,
      ]),
    );
    const bombUpload = await start('owner', 'bomb.png', bomb.length);
    const bombRefused = await sendPart('owner', bombUpload.id, 1, bomb);
    expect([bombRefused.status, ((await bombRefused.json()) as { code: string }).code]).toEqual([
      413,
      'upload.imageTooLarge',
    ]);

    // An executable, and a type this purpose does not accept (OGG), are refused the same way.
    for (const magic of ['MZ\x90\x00', 'OggS']) {
      const other = await start('owner', 'x.pdf', 100);
      expect((await sendPart('owner', other.id, 1, fileOf(100, magic))).status).toBe(415);
    }
  });

  it('S13 oversize is refused: a declared size over the limit (413), a part longer or shorter than its share', async () => {
    const tooBig = await request(
      '/api/uploads',
      as('owner', json({ purpose: 'test', name: 'film.mp4', size: 100_000_001 })),
    );
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      code: 'upload.tooLarge',
      fields: [{ field: 'file', code: 'upload.tooLarge', message: 'The file is too large.' }],
    });

    const upload = await start('owner', 'small.png', 2000);
    const png = fileOf(2001, realPng(16, 16));
    expect((await sendPart('owner', upload.id, 1, png)).status).toBe(413);
    expect((await sendPart('owner', upload.id, 1, png.subarray(0, 1999))).status).toBe(422);
    expect((await sendPart('owner', upload.id, 2, png.subarray(0, 10))).status).toBe(422);
    // A body longer than its Content-Length says never gets past the fixed-length stream (workerd
    // then logs "Can't read from request stream because client disconnected" for this client).
    const lying = await request(
      `/api/uploads/${upload.id}/parts/1`,
      as('owner', {
        method: 'PUT',
        headers: { 'content-length': '2000' },
        body: new Blob([png]).stream(),
        duplex: 'half',
      } as RequestInit),
    );
    expect(lying.status).toBe(422);
    expect(await (await request(`/api/uploads/${upload.id}`, as('owner'))).json()).toMatchObject({
      receivedBytes: 0,
      partsReceived: [],
    });
    // The global 64 KiB body limit does not apply to parts; it still applies elsewhere.
    expect((await request('/api/uploads', as('owner', { ...json({}), body: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('S07 another person gets 404 for everything about an upload; abort works for the owner', async () => {
    const file = fileOf(3000, jpegStart(64, 48));
    const upload = await start('owner', 'photo.jpg', file.length);
    const paths = [`/api/uploads/${upload.id}`, `/api/uploads/${upload.id}/file`];
    for (const path of paths) expect((await request(path, as('other'))).status).toBe(404);
    expect((await sendPart('other', upload.id, 1, file)).status).toBe(404);
    for (const action of ['complete', 'abort'])
      expect((await request(`/api/uploads/${upload.id}/${action}`, as('other', { method: 'POST' }))).status).toBe(404);
    expect((await request('/api/uploads/not-an-id', as('other'))).status).toBe(404);
    expect(await (await request('/api/uploads?purpose=test', as('other'))).json()).toEqual({ uploads: [] });

    expect((await sendPart('owner', upload.id, 1, file)).status).toBe(200);
    const aborted = await request(`/api/uploads/${upload.id}/abort`, as('owner', { method: 'POST' }));
    expect(await aborted.json()).toMatchObject({ state: 'aborted', partsReceived: [] });
    expect((await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }))).status).toBe(409);
    expect((await request(`/api/uploads/${upload.id}/file`, as('owner'))).status).toBe(404);
    expect((await request('/api/uploads', json({ purpose: 'test', name: 'x', size: 1 }))).status).toBe(401);
  });

  it('the plain form streams a file into R2 and redirects back; a wrong type comes back as an error code', async () => {
    const pdf = fileOf(6 * MiB, '%PDF-1.4\n');
    const form = new FormData();
    form.append('file', new File([pdf], 'Ročníková práca.pdf', { type: 'application/pdf' }));
    const body = new Request(ORIGIN, { method: 'POST', body: form });
    const bytes = new Uint8Array(await body.arrayBuffer());
    const post = (content: Uint8Array<ArrayBuffer>) =>
      request(
        '/api/uploads/form?purpose=test&lang=sk&back=/sk/account/uploads/',
        as('owner', {
          method: 'POST',
          headers: { 'content-type': body.headers.get('content-type')!, 'content-length': String(content.length) },
          body: content,
        }),
      );
    const sent = await post(bytes);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/^\/sk\/account\/uploads\/\?uploaded=/);
    const id = /\?uploaded=([\w-]+)$/.exec(sent.headers.get('location')!)![1]!;
    expect(await (await request(`/api/uploads/${id}`, as('owner'))).json()).toMatchObject({
      state: 'complete',
      name: 'Ročníková práca.pdf',
      size: pdf.length,
      partCount: 2,
    });
    expect(new Uint8Array(await (await env.FILES.get(`uploads/${id}`))!.arrayBuffer())).toEqual(pdf);

    const html = new FormData();
    html.append('file', new File(['<html>not a pdf</html>'], 'fake.pdf'));
    const htmlRequest = new Request(ORIGIN, { method: 'POST', body: html });
    const htmlBytes = new Uint8Array(await htmlRequest.arrayBuffer());
    const refused = await request(
      '/api/uploads/form?purpose=test&lang=sk&back=/sk/account/uploads/',
      as('owner', {
        method: 'POST',
        headers: {
          'content-type': htmlRequest.headers.get('content-type')!,
          'content-length': String(htmlBytes.length),
        },
        body: htmlBytes,
      }),
    );
    expect(refused.headers.get('location')).toBe('/sk/account/uploads/?error=upload.typeRejected');
  });

  it('the cron aborts uploads left pending for more than 24 hours, and only those', async () => {
    const old = await start('owner', 'old.mp3', 500);
    await sendPart('owner', old.id, 1, fileOf(500, mp3Start));
    const fresh = await start('owner', 'fresh.mp3', 500);
    const deps = depsFromEnv(env);
    const later = new Date(Date.now() + 24 * 60 * 60_000 + 60_000);
    // A day later, the fresh one was touched again just before the cron ran.
    await env.DB.prepare('UPDATE uploads SET updated_at = ? WHERE id = ?')
      .bind(later.getTime() - 60_000, fresh.id)
      .run();
    expect(await abortStaleUploads({ ...deps, clock: () => later })).toBeGreaterThanOrEqual(1);
    const states = await env.DB.prepare('SELECT id, state, multipart_upload_id FROM uploads WHERE id IN (?, ?)')
      .bind(old.id, fresh.id)
      .all();
    expect(Object.fromEntries(states.results.map((r) => [r.id, r.state]))).toEqual({
      [old.id]: 'aborted',
      [fresh.id]: 'pending',
    });
    expect((await sendPart('owner', old.id, 1, fileOf(500, mp3Start))).status).toBe(409);
  });

  it('S09 the jury copy of a PDF is stored under blind/ with a neutral name and without the author', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor('Jana Nováková');
    doc.setTitle('Reportáž Jany Novákovej');
    doc.addPage();
    const pdf = new Uint8Array(await doc.save({ useObjectStreams: false }));
    const upload = await start('owner', 'Jana Nováková - reportáž.pdf', pdf.length);
    await sendPart('owner', upload.id, 1, pdf);
    await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }));

    const blind = await makeBlindCopy(db, env.FILES, upload.id);
    expect(blind).toEqual({
      key: `blind/${upload.id}`,
      name: `file-${upload.id.slice(0, 8)}.pdf`,
      type: 'application/pdf',
    });
    const object = await env.FILES.get(blind.key);
    const bytes = new Uint8Array(await object!.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes)).not.toMatch(/Nov|Jana|Author|Title/);
    expect(object!.httpMetadata?.contentDisposition).toBe(
      `attachment; filename="${blind.name}"; filename*=UTF-8''${blind.name}`,
    );
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('S19 erasing an account deletes its files and blind copies from R2 and aborts unfinished uploads', async () => {
    const jpeg = fileOf(2000, new Uint8Array([...jpegStart(64, 48), 0xff, 0xd9]));
    const done = await start('leaver', 'me.jpg', jpeg.length);
    await sendPart('leaver', done.id, 1, jpeg);
    await request(`/api/uploads/${done.id}/complete`, as('leaver', { method: 'POST' }));
    await makeBlindCopy(db, env.FILES, done.id);
    const open = await start('leaver', 'half.mp3', 6 * MiB);
    expect((await sendPart('leaver', open.id, 1, fileOf(5 * MiB, mp3Start))).status).toBe(200);
    expect(await env.FILES.head(`blind/${done.id}`)).not.toBeNull();
    const multipartId = (await env.DB.prepare('SELECT multipart_upload_id FROM uploads WHERE id = ?')
      .bind(open.id)
      .first('multipart_upload_id')) as string;

    expect(await erasePersonalData(depsFromEnv(env), 'leaver')).toBe(true);
    expect([await env.FILES.head(`uploads/${done.id}`), await env.FILES.head(`blind/${done.id}`)]).toEqual([
      null,
      null,
    ]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM uploads WHERE owner_id = 'leaver'").first('n')).toBe(0);
    await expect(
      env.FILES.resumeMultipartUpload(`uploads/${open.id}`, multipartId).uploadPart(2, new Uint8Array(10)),
    ).rejects.toThrow();
  });

  it('when R2 refuses to complete (a part it holds differs), the parts are forgotten and a retry sends them again', async () => {
    const file = fileOf(700, '%PDF-1.5\n');
    const upload = await start('owner', 'race.pdf', file.length);
    await sendPart('owner', upload.id, 1, file);
    await env.DB.prepare("UPDATE upload_parts SET etag = 'not-the-etag' WHERE upload_id = ?").bind(upload.id).run();
    const refused = await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }));
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([409, 'upload.incomplete']);
    expect(await (await request(`/api/uploads/${upload.id}`, as('owner'))).json()).toMatchObject({
      state: 'pending',
      partsReceived: [],
      receivedBytes: 0,
    });
    await sendPart('owner', upload.id, 1, file);
    const done = await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }));
    expect(await done.json()).toMatchObject({ state: 'complete', size: 700 });
  });
});

describe('issue 15: file-type and image-size in the Workers runtime', () => {
  const stored = (name: string, bytes: Uint8Array, accept: UploadRules['accept']) =>
    storeStream(
      db,
      env.FILES,
      {
        ownerId: 'owner',
        purpose: 'test',
        name,
        stream: new Blob([bytes as BlobPart]).stream(),
        upperBound: bytes.length,
      },
      { accept, maxBytes: 10 * MiB },
      new Date(),
    ).then(
      (view) => view.type,
      (error: { code?: string }) => error.code,
    );
  const docxParts: [string, string][] = [
    [
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['_rels/.rels', '<Relationships/>'],
    ['word/document.xml', '<w:document/>'],
  ];
  /** Entries written with data descriptors (flag bit 3), as streaming writers do. */
  function streamedZip(entries: [string, string][]): Uint8Array {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, content] of entries) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      entry.push(strToU8(content), true);
    }
    zip.end();
    return new Uint8Array(chunks.flatMap((c) => [...c]));
  }
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const all: UploadRules['accept'] = ['pdf', 'jpeg', 'png', 'webp', 'mp4', 'm4a', 'mp3', 'docx'];

  it('HEIC and AVIF are refused, not stored as MP4; an MP4 still is', async () => {
    const ftyp = (brands: string) => new Uint8Array([0, 0, 0, 8 + brands.length, ...latin1(`ftyp${brands}`)]);
    expect(await stored('IMG_0001.HEIC', fileOf(4000, ftyp('heic\0\0\0\0mif1heic')), all)).toBe('upload.typeRejected');
    expect(await stored('photo.avif', fileOf(4000, ftyp('avif\0\0\0\0mif1avifmiaf')), all)).toBe('upload.typeRejected');
    expect(await stored('clip.mp4', fileOf(4000, ftyp('isom\0\0\x02\0isomiso2mp41')), all)).toBe('video/mp4');
  });

  it('DOCX from Word, with data descriptors or with [Content_Types].xml last is stored; ODT only where accepted', async () => {
    const zipOf = (entries: [string, string][]) =>
      zipSync(Object.fromEntries(entries.map(([n, c]) => [n, strToU8(c)])));
    expect(await stored('a.docx', zipOf(docxParts), all)).toBe(DOCX);
    expect(await stored('b.docx', streamedZip(docxParts), all)).toBe(DOCX);
    expect(await stored('c.docx', streamedZip([...docxParts.slice(1), docxParts[0]!]), all)).toBe(DOCX);
    const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }] });
    expect(await stored('d.odt', odt, all)).toBe('upload.typeRejected');
    expect(await stored('d.odt', odt, [...all, 'odt'])).toBe('application/vnd.oasis.opendocument.text');
    // S13 a plain zip renamed .docx and an HTML page renamed .pdf are refused.
    expect(await stored('e.docx', zipOf([['notes.txt', 'hello']]), all)).toBe('upload.typeRejected');
    expect(await stored('f.pdf', new TextEncoder().encode('<!DOCTYPE html><p>%PDF-1.7</p>'), all)).toBe(
      'upload.typeRejected',
    );
  });

  it('S25 a 50,000 × 50,000 JPEG header behind 8 KB of APP1 is refused from part 1 (413); an unreadable image too (422)', async () => {
    const bomb = fileOf(20_000, jpegStart(50_000, 50_000, 8 * 1024));
    const upload = await start('owner', 'bomb.jpg', bomb.length);
    const refused = await sendPart('owner', upload.id, 1, bomb);
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([413, 'upload.imageTooLarge']);
    expect(await env.FILES.head(`uploads/${upload.id}`)).toBeNull();

    const unreadable = fileOf(20_000, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0]));
    const second = await start('owner', 'broken.jpg', unreadable.length);
    const answer = await sendPart('owner', second.id, 1, unreadable);
    expect([answer.status, ((await answer.json()) as { code: string }).code]).toEqual([422, 'upload.imageUnreadable']);
    expect(await (await request(`/api/uploads/${second.id}`, as('owner'))).json()).toMatchObject({ state: 'rejected' });

    // A real PNG and a JPEG within the limit are stored.
    expect(await stored('ok.png', realPng(40, 30), all)).toBe('image/png');
    expect(await stored('ok.jpg', fileOf(12_000, jpegStart(4000, 3000, 9000)), all)).toBe('image/jpeg');
  });
  it('S09 blind copies of an MP3 and an MP4 in workerd: ID3 tags and udta/uuid boxes are gone, the audio and video bytes stay', async () => {
    const frames = fileOf(3 * 417, new Uint8Array([0xff, 0xfb, 0x90, 0x64]));
    for (let f = 1; f < 3; f++) frames.set([0xff, 0xfb, 0x90, 0x64], f * 417);
    const tpe1 = [...latin1('TPE1'), 0, 0, 0, 14, 0, 0, 0, ...latin1('Jana Novakova')];
    const id3v1 = new Uint8Array(128);
    id3v1.set([...latin1('TAG'), ...latin1('Reportaz Jany Novakovej')]);
    const mp3 = new Uint8Array([...latin1('ID3'), 3, 0, 0, 0, 0, 0, tpe1.length, ...tpe1, ...frames, ...id3v1]);
    const box = (type: string, ...body: number[]) => [...be32(8 + body.length), ...latin1(type), ...body];
    const mdat = box('mdat', ...latin1('VIDEO-SAMPLE'));
    const mp4 = new Uint8Array([
      ...box('ftyp', ...latin1('isom'), 0, 0, 2, 0, ...latin1('isommp41')),
      ...mdat,
      ...box(
        'moov',
        ...box('mvhd', ...new Array(100).fill(0)),
        ...box('udta', ...box('\xa9ART', ...latin1('Jana Novakova'))),
      ),
      ...box('uuid', ...new Array(16).fill(0xbe), ...latin1('<x:xmpmeta>Jana</x:xmpmeta>')),
    ]);
    const blindOf = async (name: string, bytes: Uint8Array<ArrayBuffer>) => {
      const upload = await start('owner', name, bytes.length);
      expect((await sendPart('owner', upload.id, 1, bytes)).status).toBe(200);
      await request(`/api/uploads/${upload.id}/complete`, as('owner', { method: 'POST' }));
      const blind = await makeBlindCopy(db, env.FILES, upload.id);
      return { blind, bytes: new Uint8Array(await (await env.FILES.get(blind.key))!.arrayBuffer()) };
    };
    const audio = await blindOf('Jana - reportaz.mp3', mp3);
    expect(audio.blind.type).toBe('audio/mpeg');
    expect(audio.bytes).toEqual(frames);
    const video = await blindOf('Jana - film.mp4', mp4);
    expect(video.blind.type).toBe('video/mp4');
    expect(video.bytes.length).toBe(mp4.length);
    expect(new TextDecoder('latin1').decode(video.bytes)).not.toMatch(/Jana|xmpmeta|\xa9ART/);
    expect(new TextDecoder('latin1').decode(video.bytes)).toContain('VIDEO-SAMPLE');
  });
});
