import { crc32 } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripJpeg, stripPdf, stripPng } from './strip.ts';

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
