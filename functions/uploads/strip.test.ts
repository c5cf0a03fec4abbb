import { crc32 } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sniffKind } from './sniff.ts';
import { stripIsoMedia, stripJpeg, stripMp3, stripPdf, stripPng } from './strip.ts';

const AUTHOR = 'Jana Nováková';
const authorBytes = Buffer.from(AUTHOR, 'utf8');
const contains = (haystack: Uint8Array, needle: string | Buffer) =>
  Buffer.from(haystack).includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle);

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

describe('S09 blind copies lose their metadata', () => {
  it('S09 JPEG: EXIF, XMP, IPTC and comments are gone; the image still decodes the same', async () => {
    const original = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Artist: AUTHOR, Copyright: AUTHOR } })
      .withXmp(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
      )
      .toBuffer();
    // A COM segment and an APP13 (IPTC) segment, inserted after SOI.
    const segment = (marker: number, text: string) => {
      const data = Buffer.from(text, 'utf8');
      return Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
    };
    const withAll = Buffer.concat([
      original.subarray(0, 2),
      segment(0xfe, `by ${AUTHOR}`),
      segment(0xed, `Photoshop 3.0\0${AUTHOR}`),
      original.subarray(2),
    ]);
    expect(withAll.includes(authorBytes)).toBe(true);
    expect((await sharp(withAll).metadata()).exif).toBeDefined();

    const stripped = stripJpeg(withAll);
    expect(contains(stripped, authorBytes)).toBe(false);
    expect(contains(stripped, 'Exif')).toBe(false);
    expect(contains(stripped, 'http://ns.adobe.com/xap/1.0/')).toBe(false);
    const meta = await sharp(stripped).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).toEqual([
      'jpeg',
      40,
      30,
      undefined,
      undefined,
      undefined,
    ]);
    const [a, b] = await Promise.all([sharp(original).raw().toBuffer(), sharp(stripped).raw().toBuffer()]);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('S09 JPEG: a rotated phone photo keeps only its orientation, so it still shows upright', async () => {
    for (const orientation of [6, 3]) {
      const rotated = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#33c' } })
        .jpeg()
        .withExif({ IFD0: { Artist: AUTHOR, Make: 'Phone by Nováková' } })
        .withMetadata({ orientation })
        .toBuffer();
      expect((await sharp(rotated).metadata()).orientation).toBe(orientation);
      const stripped = stripJpeg(rotated);
      expect(contains(stripped, authorBytes)).toBe(false);
      expect(contains(stripped, 'Phone')).toBe(false);
      const meta = await sharp(stripped).metadata();
      expect([meta.orientation, meta.width, meta.height]).toEqual([orientation, 40, 30]);
      expect((await sharp(stripped).rotate().toBuffer({ resolveWithObject: true })).info.width).toBe(
        orientation === 6 ? 30 : 40,
      );
    }
    // An upright photo gets no EXIF at all.
    const upright = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .jpeg()
      .withMetadata({ orientation: 1 })
      .toBuffer();
    expect(contains(stripJpeg(upright), 'Exif')).toBe(false);
  });

  it('S09 PNG: text, time and EXIF chunks are gone; the image still decodes the same', async () => {
    const original = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#3c3' } })
      .png()
      .toBuffer();
    const iend = original.length - 12;
    const withText = Buffer.concat([
      original.subarray(0, 33), // signature + IHDR
      pngChunk('tEXt', Buffer.from(`Author\0${AUTHOR}`, 'latin1')),
      pngChunk('iTXt', Buffer.concat([Buffer.from('Author\0\0\0\0\0'), authorBytes])),
      pngChunk('zTXt', Buffer.from('Comment\0\0xyz', 'latin1')),
      pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 23, 10, 0, 0])),
      pngChunk('eXIf', Buffer.concat([Buffer.from('MM\0*'), authorBytes])),
      original.subarray(33, iend),
      original.subarray(iend),
    ]);
    expect((await sharp(withText).metadata()).width).toBe(20);

    const stripped = stripPng(withText);
    expect(contains(stripped, authorBytes)).toBe(false);
    for (const type of ['tEXt', 'iTXt', 'zTXt', 'tIME', 'eXIf']) expect(contains(stripped, type)).toBe(false);
    expect(Buffer.from(stripped)).toEqual(original);
    expect((await sharp(stripped).metadata()).format).toBe('png');
  });

  it('S09 PDF: the document info and XMP metadata are gone; the PDF still parses with its pages', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor(AUTHOR);
    doc.setTitle(`Reportáž — ${AUTHOR}`);
    doc.setCreator('Writer (Nováková’s laptop)');
    doc.setKeywords(['trafficking', AUTHOR]);
    doc.addPage([200, 200]).drawText('Entry text', { x: 20, y: 100 });
    doc.addPage([200, 200]);
    const xmp = doc.context.stream(`<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`, {
      Type: 'Metadata',
      Subtype: 'XML',
    });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
    doc
      .getPage(0)
      .node.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(`<page-xmp>${AUTHOR}</page-xmp>`)));
    const original = await doc.save({ useObjectStreams: false });
    expect(contains(original, 'Nov')).toBe(true);

    const stripped = await stripPdf(original);
    expect(contains(stripped, 'Nov')).toBe(false);
    expect(contains(stripped, authorBytes)).toBe(false);
    expect(contains(stripped, '/Author')).toBe(false);
    expect(contains(stripped, '/Metadata')).toBe(false);
    expect(contains(stripped, '/Producer')).toBe(false);
    const reopened = await PDFDocument.load(stripped, { updateMetadata: false });
    expect(reopened.getPageCount()).toBe(2);
    expect([reopened.getAuthor(), reopened.getTitle(), reopened.getCreator()]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('S09 a PDF saved by pdf-lib with object streams (compressed metadata) is cleaned too', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor(AUTHOR);
    doc.addPage();
    const compressed = await doc.save({ useObjectStreams: true });
    const stripped = await stripPdf(compressed);
    expect(contains(stripped, '/Author')).toBe(false);
    expect((await PDFDocument.load(stripped)).getPageCount()).toBe(1);
  });
  it('S09 an encrypted PDF is refused (no copy rather than one it cannot clean), as a broken one is', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor(AUTHOR);
    doc.addPage();
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2 }));
    const encrypted = await doc.save({ useObjectStreams: false });
    expect(contains(encrypted, '/Encrypt')).toBe(true);
    await expect(stripPdf(encrypted)).rejects.toThrow('encrypted PDF');
    await expect(stripPdf(Buffer.from('%PDF-1.7\nnot a document'))).rejects.toThrow();
  });
  it('S09 PDF: annotation authors and embedded files are gone; widgets keep their field names', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    const { context } = doc;
    const secret = 'Nováková CV, phone +421 900 000 000';
    await doc.attach(new TextEncoder().encode(secret), 'Jana-Novakova-CV.txt', { mimeType: 'text/plain' });
    const attachment = context.register(
      context.flateStream(new TextEncoder().encode(`${secret} (attached)`), {
        Type: 'EmbeddedFile',
      }),
    );
    const fileSpec = context.register(
      context.obj({
        Type: 'Filespec',
        F: PDFString.of('notes.txt'),
        UF: PDFHexString.fromText('notes.txt'),
        EF: { F: attachment },
      }),
    );
    const annots = [
      context.obj({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [10, 10, 30, 30],
        T: PDFHexString.fromText(AUTHOR),
        Contents: PDFString.of('Good scene'),
        M: PDFString.of('D:20270115120000Z'),
        NM: PDFString.of('jana-1'),
      }),
      context.obj({
        Type: 'Annot',
        Subtype: 'FileAttachment',
        Rect: [40, 10, 60, 30],
        T: PDFHexString.fromText(AUTHOR),
        FS: fileSpec,
      }),
      context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Tx',
        Rect: [70, 10, 150, 30],
        T: PDFString.of('title_field'),
      }),
    ].map((a) => context.register(a));
    page.node.set(PDFName.of('Annots'), context.obj(annots));
    const original = await doc.save({ useObjectStreams: false });
    for (const marker of ['/EmbeddedFiles', '/FileAttachment', '/EmbeddedFile', 'Jana-Novakova-CV'])
      expect(contains(original, marker)).toBe(true);
    expect(contains(original, '/T <FEFF004A')).toBe(true); // "J…" as UTF-16 hex: the author is there

    const stripped = await stripPdf(original);
    const text = Buffer.from(stripped).toString('latin1');
    for (const gone of [
      '/EmbeddedFiles',
      '/EmbeddedFile',
      '/FileAttachment',
      'Jana-Novakova-CV',
      'notes.txt',
      '/T <FEFF',
      '/NM',
      '/M (D:',
    ])
      expect([gone, text.includes(gone)]).toEqual([gone, false]);
    const reopened = await PDFDocument.load(stripped, { updateMetadata: false });
    const kept = reopened.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    const summary = kept.asArray().map((ref) => {
      const annot = reopened.context.lookup(ref, PDFDict);
      return [annot.get(PDFName.of('Subtype'))?.toString(), annot.get(PDFName.of('T'))?.toString() ?? null];
    });
    expect(summary).toEqual([
      ['/Text', null],
      ['/Widget', '(title_field)'],
    ]);
    expect(reopened.context.lookup(reopened.catalog.get(PDFName.of('Names')))?.toString() ?? '').not.toContain(
      'EmbeddedFiles',
    );
    // Only what the pages need is left: catalog, page tree, page, two annotations (no streams but none were drawn).
    expect(reopened.context.enumerateIndirectObjects().length).toBe(5);
  });
});

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const be32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
/** An ISO BMFF box. */
const box = (type: string, ...parts: (Buffer | string)[]) => {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? latin1(p) : p)));
  return Buffer.concat([be32(8 + body.length), latin1(type), body]);
};
const fullBox = (type: string, ...parts: (Buffer | string)[]) => box(type, Buffer.alloc(4), ...parts);
/** The boxes between `start` and `end` of `bytes`, as [type, start, size]. */
function layout(bytes: Uint8Array, start = 0, end = bytes.length): [string, number, number][] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: [string, number, number][] = [];
  for (let at = start; at < end; at += view.readUInt32BE(at))
    out.push([view.toString('latin1', at + 4, at + 8), at, view.readUInt32BE(at)]);
  return out;
}
const find = (bytes: Uint8Array, path: string[]): [string, number, number] => {
  let range: [number, number] = [0, bytes.length];
  let found: [string, number, number] | undefined;
  for (const type of path) {
    found = layout(bytes, ...range).find(([t]) => t === type);
    if (!found) throw new Error(`no ${path.join('/')}`);
    range = [found[1] + 8, found[1] + found[2]];
  }
  return found!;
};
/** The original with a box made `free` and zero-filled, as the stripper must leave it. */
const freed = (bytes: Uint8Array, [, at, size]: [string, number, number]) => {
  const out = Buffer.from(bytes);
  out.write('free', at + 4, 'latin1');
  out.fill(0, at + 8, at + size);
  return out;
};
/** The original with an mvhd/tkhd/mdhd box's creation and modification times (version 0) zeroed. */
const timesZeroed = (bytes: Uint8Array, [, at]: [string, number, number]) => {
  const out = Buffer.from(bytes);
  out.fill(0, at + 12, at + 20);
  return out;
};

describe('S09 blind copies of video and audio lose their metadata (issue 12)', () => {
  const demo = new Uint8Array(readFileSync('content/media/documentary/we-are-at-home-here-demo.mp4'));

  it('S09 MP4: the encoder tag in moov/udta, and the movie, track and media times are gone; nothing else changes', () => {
    expect(layout(demo).map(([t]) => t)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    expect(contains(demo, 'Lavf')).toBe(true); // ffmpeg's ©too tag in udta/meta/ilst
    let expected = freed(demo, find(demo, ['moov', 'udta']));
    for (const path of [['moov', 'mvhd']]) expected = timesZeroed(expected, find(demo, path));
    for (const [, at, size] of layout(
      demo,
      find(demo, ['moov'])[1] + 8,
      find(demo, ['moov'])[1] + find(demo, ['moov'])[2],
    ).filter(([t]) => t === 'trak')) {
      const trak = demo.subarray(0, at + size);
      expected = timesZeroed(expected, layout(trak, at + 8).find(([t]) => t === 'tkhd')!);
      const [, mdia, mdiaSize] = layout(trak, at + 8).find(([t]) => t === 'mdia')!;
      expected = timesZeroed(expected, layout(trak, mdia + 8, mdia + mdiaSize).find(([t]) => t === 'mdhd')!);
    }
    const stripped = stripIsoMedia(demo);
    expect(Buffer.from(stripped).equals(expected)).toBe(true);
    expect(layout(stripped, 40, 32 + find(demo, ['moov'])[2]).map(([t, , n]) => `${t}:${n}`)).toEqual([
      'mvhd:108',
      'trak:9414',
      'trak:8049',
      'free:98',
    ]);
    expect(contains(stripped, 'Lavf')).toBe(false);
  });

  it('S09 MP4: ©nam/©ART user data, an XMP uuid box and a top-level meta box are zeroed in place', async () => {
    const [, udtaAt, udtaSize] = find(demo, ['moov', 'udta']);
    const art = Buffer.concat([
      be32(12 + 13),
      latin1('\xa9ART'),
      Buffer.from([0, 13, 0x15, 0xc7]),
      latin1('Jana Novakova'),
    ]);
    const namText = 'x'.repeat(udtaSize - 8 - art.length - 12);
    const nam = Buffer.concat([
      be32(12 + namText.length),
      latin1('\xa9nam'),
      Buffer.from([0, namText.length, 0x15, 0xc7]),
      latin1(namText),
    ]);
    const udta = box('udta', art, nam);
    expect(udta.length).toBe(udtaSize);
    const xmp = box(
      'uuid',
      Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'),
      `<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`,
    );
    const meta = fullBox(
      'meta',
      fullBox('hdlr', Buffer.alloc(4), 'mdta', Buffer.alloc(13)),
      box('keys', 'com.apple.quicktime.author'),
      box('ilst', 'Jana'),
    );
    const tagged = Buffer.concat([demo.subarray(0, udtaAt), udta, demo.subarray(udtaAt + udtaSize), xmp, meta]);
    expect(await sniffKind(tagged)).toBe('mp4');
    expect(['Jana', 'xmpmeta', 'com.apple.quicktime'].map((t) => contains(tagged, t))).toEqual([true, true, true]);

    const stripped = stripIsoMedia(tagged);
    expect(stripped.length).toBe(tagged.length);
    expect(layout(stripped).map(([t, , n]) => `${t}:${n}`)).toEqual([
      'ftyp:32',
      `moov:${find(demo, ['moov'])[2]}`,
      'free:8',
      `mdat:${find(demo, ['mdat'])[2]}`,
      `free:${xmp.length}`,
      `free:${meta.length}`,
    ]);
    expect(
      ['Jana', 'Novakova', 'xmpmeta', 'com.apple.quicktime', '\xa9ART', '\xa9nam'].map((t) => contains(stripped, t)),
    ).toEqual([false, false, false, false, false, false]);
    // The tail after mdat is two free boxes of zeros, and the media data is byte for byte the same.
    const mdat = find(demo, ['mdat']);
    expect(
      Buffer.from(stripped.subarray(mdat[1], mdat[1] + mdat[2])).equals(
        Buffer.from(demo.subarray(mdat[1], mdat[1] + mdat[2])),
      ),
    ).toBe(true);
    expect([...stripped.subarray(demo.length + 8, demo.length + xmp.length)].every((b) => b === 0)).toBe(true);
  });

  /** A small M4A: one sound track (sample "AUDIO-FRAME"), one timed metadata track (sample: a GPS position), iTunes tags. */
  function m4a(): { file: Buffer; audioAt: number; gpsAt: number } {
    const ftyp = box('ftyp', 'M4A ', Buffer.alloc(4), 'M4A isommp42');
    const audio = latin1('AUDIO-FRAME');
    const gps = latin1('+48.1486+017.1077/ Jana at home');
    const mdatAt = ftyp.length;
    const mdat = box('mdat', audio, gps);
    const audioAt = mdatAt + 8;
    const gpsAt = audioAt + audio.length;
    const stbl = (at: number, size: number) =>
      box(
        'stbl',
        fullBox('stsd', be32(0)),
        fullBox('stts', be32(0)),
        fullBox('stsc', be32(1), be32(1), be32(1), be32(1)),
        fullBox('stsz', be32(size), be32(1)),
        fullBox('stco', be32(1), be32(at)),
      );
    const mvhdTimes = Buffer.concat([be32(0xe0000000), be32(0xe0000001)]);
    const trak = (handler: string, at: number, size: number) =>
      box(
        'trak',
        fullBox('tkhd', mvhdTimes, Buffer.alloc(72)),
        box(
          'mdia',
          fullBox('mdhd', mvhdTimes, Buffer.alloc(12)),
          fullBox('hdlr', Buffer.alloc(4), handler, Buffer.alloc(13)),
          box('minf', stbl(at, size)),
        ),
        box('udta', box('\xa9ART', 'Jana Novakova')),
      );
    const ilst = box(
      'ilst',
      box('\xa9ART', box('data', be32(1), Buffer.alloc(4), 'Jana Novakova')),
      box('\xa9nam', box('data', be32(1), Buffer.alloc(4), 'Moja reportaz')),
    );
    const moov = box(
      'moov',
      fullBox('mvhd', mvhdTimes, Buffer.alloc(88)),
      trak('soun', audioAt, audio.length),
      trak('meta', gpsAt, gps.length),
      box('udta', fullBox('meta', fullBox('hdlr', Buffer.alloc(4), 'mdir', 'appl', Buffer.alloc(9)), ilst)),
    );
    return { file: Buffer.concat([ftyp, mdat, moov]), audioAt, gpsAt };
  }

  it('S09 M4A: iTunes tags, track user data and a timed metadata track (GPS) are gone; the sound is the same bytes', async () => {
    const { file, audioAt, gpsAt } = m4a();
    expect(await sniffKind(file)).toBe('m4a');
    const stripped = stripIsoMedia(file);
    const moov = find(file, ['moov']);
    expect(layout(stripped, moov[1] + 8, moov[1] + moov[2]).map(([t]) => t)).toEqual(['mvhd', 'trak', 'free', 'free']);
    const [, soundAt, soundSize] = layout(stripped, moov[1] + 8, moov[1] + moov[2])[1]!;
    expect(layout(stripped, soundAt + 8, soundAt + soundSize).map(([t]) => t)).toEqual(['tkhd', 'mdia', 'free']);
    expect(Buffer.from(stripped.subarray(audioAt, gpsAt)).toString('latin1')).toBe('AUDIO-FRAME');
    expect([...stripped.subarray(gpsAt, find(file, ['mdat'])[1] + find(file, ['mdat'])[2])].every((b) => b === 0)).toBe(
      true,
    );
    expect(['Jana', 'Novakova', '+48.1486', 'reportaz', '\xe0\x00\x00\x00'].map((t) => contains(stripped, t))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(
      Buffer.from(stripped.subarray(0, find(file, ['mdat'])[1])).equals(file.subarray(0, find(file, ['mdat'])[1])),
    ).toBe(true);
  });

  it('S09 a broken MP4 (a box running past the end) is refused rather than copied', () => {
    expect(() => stripIsoMedia(demo.subarray(0, 17_000))).toThrow('broken box size');
    expect(() => stripIsoMedia(new Uint8Array(box('moov', fullBox('mvhd', Buffer.alloc(96)))))).toThrow(
      'not an ISO media file',
    );
  });

  /** An ID3v2.3 text frame. */
  const id3Frame = (id: string, text: string) =>
    Buffer.concat([latin1(id), be32(text.length + 1), Buffer.from([0, 0, 0]), latin1(text)]);
  const syncsafe = (n: number) => Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
  /** Three MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each) of silence-like bytes. */
  const frames = Buffer.concat(
    Array.from({ length: 3 }, (_, i) =>
      Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413, i + 1)]),
    ),
  );

  it('S09 MP3: ID3v2 (front, and appended v2.4), APEv2, Lyrics3 and ID3v1 tags are gone; exactly the frames remain', async () => {
    const body = Buffer.concat([
      id3Frame('TPE1', AUTHOR.normalize('NFD').replace(/\p{M}/gu, '')),
      id3Frame('TIT2', 'Reportaz'),
    ]);
    const id3v2 = Buffer.concat([latin1('ID3'), Buffer.from([3, 0, 0]), syncsafe(body.length), body]);
    const apeItems = Buffer.concat([Buffer.from([6, 0, 0, 0, 0, 0, 0, 0]), latin1('Artist\0Jana N')]);
    const apeFooter = Buffer.concat([
      latin1('APETAGEX'),
      Buffer.from([0xd0, 7, 0, 0]),
      Buffer.from([apeItems.length + 32, 0, 0, 0]),
      Buffer.from([1, 0, 0, 0]),
      Buffer.alloc(4),
      Buffer.alloc(8),
    ]);
    const lyrics = latin1('LYRICSBEGININD0000210Jana');
    const lyrics3 = Buffer.concat([lyrics, latin1(String(lyrics.length).padStart(6, '0')), latin1('LYRICS200')]);
    const v24body = id3Frame('TPE1', 'Jana');
    const appended = Buffer.concat([
      latin1('ID3'),
      Buffer.from([4, 0, 0x10]),
      syncsafe(v24body.length),
      v24body,
      latin1('3DI'),
      Buffer.from([4, 0, 0x10]),
      syncsafe(v24body.length),
    ]);
    const id3v1 = Buffer.concat([
      latin1('TAG'),
      latin1('Reportaz'.padEnd(30, '\0')),
      latin1('Jana Novakova'.padEnd(30, '\0')),
      Buffer.alloc(65),
    ]);
    const tagged = Buffer.concat([id3v2, id3v2, frames, appended, apeItems, apeFooter, lyrics3, id3v1]);
    expect(id3v1.length).toBe(128);
    expect(await sniffKind(tagged)).toBe('mp3');
    expect(Buffer.from(stripMp3(tagged)).equals(frames)).toBe(true);
    expect(Buffer.from(stripMp3(frames)).equals(frames)).toBe(true);
  });

  it('S09 an MP3 whose tags are not followed by an MPEG frame is refused rather than copied', () => {
    const tag = Buffer.concat([latin1('ID3'), Buffer.from([3, 0, 0]), syncsafe(4), latin1('TPE1')]);
    expect(() => stripMp3(Buffer.concat([tag, latin1('<html>Jana</html>')]))).toThrow('no MPEG audio frame');
    expect(() => stripMp3(Buffer.concat([latin1('ID3'), Buffer.from([3, 0, 0, 0x80, 0, 0, 0])]))).toThrow(
      'broken ID3 size',
    );
  });
});
