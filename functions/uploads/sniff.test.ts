import { readdirSync, readFileSync } from 'node:fs';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imagePixels } from './image-size.ts';
import { SNIFF_BYTES, sniffKind } from './sniff.ts';

const head = (path: string) => new Uint8Array(readFileSync(path).subarray(0, SNIFF_BYTES));
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];

/** A ZIP local file header for a stored entry. */
const zipEntry = (name: string, data: string) =>
  bytes(
    [0x50, 0x4b, 0x03, 0x04],
    u16(20),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(0),
    u32(data.length),
    u32(data.length),
    u16(name.length),
    u16(0),
    name,
    data,
  );

describe('sniffKind reads the type from the first bytes', () => {
  it('knows real files of the portal: PDF, WebM, MP4, OGG', async () => {
    expect(
      await sniffKind(
        head(`public/materials/arriving-worksheet/${readdir('public/materials/arriving-worksheet', '.pdf')}`),
      ),
    ).toBe('pdf');
    expect(await sniffKind(head('content/media/documentary/we-are-at-home-here-demo.webm'))).toBe('webm');
    expect(await sniffKind(head('content/media/documentary/we-are-at-home-here-demo.mp4'))).toBe('mp4');
    expect(await sniffKind(head('public/materials/classroom-audio/classroom.ogg'))).toBe('ogg');
  });

  it('knows images, audio and the ISO brands', async () => {
    expect(await sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(await sniffKind(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(await sniffKind(bytes('RIFF', u32(100), 'WEBPVP8 '))).toBe('webp');
    expect(await sniffKind(bytes('RIFF', u32(100), 'WAVEfmt '))).toBe('wav');
    expect(await sniffKind(bytes('RIFF', u32(100), 'AVI LIST'))).toBeNull();
    expect(await sniffKind(bytes('ID3', [4, 0, 0]))).toBe('mp3');
    expect(await sniffKind(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3'); // MPEG-1 Layer III, 128 kbit/s
    expect(await sniffKind(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC in ADTS: layer 00, not MP3
    expect(await sniffKind(bytes(u32(0x20000000), 'ftypqt  '))).toBe('mov');
    expect(await sniffKind(bytes(u32(0x20000000), 'ftypM4A '))).toBe('m4a');
    expect(await sniffKind(bytes(u32(0x20000000), 'ftypisom'))).toBe('mp4');
    expect(await sniffKind(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'))).toBe('mkv');
  });

  it('tells ODT and DOCX from other ZIP files without inflating anything', async () => {
    expect(await sniffKind(zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'))).toBe('odt');
    expect(await sniffKind(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'))).toBeNull();
    const docx = [
      ...zipEntry('[Content_Types].xml', '<Types/>'),
      ...zipEntry('_rels/.rels', '<R/>'),
      ...zipEntry('word/document.xml', '<w/>'),
    ];
    expect(await sniffKind(new Uint8Array(docx))).toBe('docx');
    expect(await sniffKind(zipEntry('evil.exe', 'MZ'))).toBeNull();
  });

  it('S13 a ".pdf" that is HTML, a script or an executable is not a PDF', async () => {
    expect(await sniffKind(bytes('<!DOCTYPE html><html><body>%PDF-1.7'))).toBeNull();
    expect(await sniffKind(bytes('<script>alert(1)</script>'))).toBeNull();
    expect(await sniffKind(bytes('MZ', [0x90, 0, 3, 0]))).toBeNull();
    expect(await sniffKind(bytes([0x7f], 'ELF', [2, 1, 1]))).toBeNull();
    expect(await sniffKind(bytes('#!/bin/sh\n'))).toBeNull();
    expect(await sniffKind(new Uint8Array())).toBeNull();
  });
});

function readdir(dir: string, ext: string): string {
  const name = readdirSync(dir).find((f) => f.endsWith(ext));
  if (!name) throw new Error(`no ${ext} in ${dir}`);
  return name;
}

describe('imagePixels reads dimensions from the header, without decoding', () => {
  it('S14 a 50,000 × 50,000 px PNG or JPEG is measured from its first bytes', async () => {
    const png = bytes(
      [0x89],
      'PNG',
      [0x0d, 0x0a, 0x1a, 0x0a],
      [0, 0, 0, 13],
      'IHDR',
      [0, 0, 0xc3, 0x50],
      [0, 0, 0xc3, 0x50],
      [8, 6, 0, 0, 0],
    );
    expect(imagePixels(png, 'png')).toBe(2_500_000_000);
    // SOI, an APP0 segment, then SOF0 with height 50,000 and width 50,000.
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0xc3, 0x50, 0xc3, 0x50, 3]);
    expect(imagePixels(jpeg, 'jpeg')).toBe(2_500_000_000);
    expect(imagePixels(bytes('%PDF-1.7'), 'jpeg')).toBeNull();
  });
});

const text = (s: string) => new TextEncoder().encode(s);
const u32be = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
/** An ISO BMFF box: size, type, payload. */
const box = (type: string, ...payload: (string | number[] | Uint8Array)[]) => {
  const body = payload.flatMap((p) => (typeof p === 'string' ? [...text(p)] : [...p]));
  return [...u32be(8 + body.length), ...text(type), ...body];
};

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const docxParts: [string, string][] = [
  ['[Content_Types].xml', CONTENT_TYPES],
  ['_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
  ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
];

/** A ZIP written the way streaming writers (LibreOffice, fflate's `Zip`) write: sizes in data descriptors after each entry. */
function streamedZip(entries: [string, string][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, content] of entries) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(content), true);
  }
  zip.end();
  return new Uint8Array(chunks.flatMap((c) => [...c]));
}

describe('sniffKind uses file-type with the portal allow-list on top (issue 15)', () => {
  it('HEIC and AVIF photos are refused, not taken for MP4 video', async () => {
    const avif = new Uint8Array(
      await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c33' } })
        .avif()
        .toBuffer(),
    );
    expect(String.fromCharCode(...avif.subarray(4, 12))).toBe('ftypavif');
    expect(await sniffKind(avif)).toBeNull();
    // An iPhone photo's start: ftyp heic (compatible mif1, heic), then the meta box with its pict handler.
    const heic = new Uint8Array([
      ...box('ftyp', 'heic', [0, 0, 0, 0], 'mif1heic'),
      ...box('meta', [0, 0, 0, 0], box('hdlr', [0, 0, 0, 0, 0, 0, 0, 0], 'pict', new Array(13).fill(0))),
    ]);
    expect(await sniffKind(heic)).toBeNull();
    // The same box structure with a video brand is still MP4, and M4A stays audio.
    expect(await sniffKind(new Uint8Array(box('ftyp', 'isom', [0, 0, 2, 0], 'isomiso2mp41')))).toBe('mp4');
    expect(await sniffKind(new Uint8Array(box('ftyp', 'M4A ', [0, 0, 0, 0], 'M4A isom')))).toBe('m4a');
  });

  it('a Word DOCX, a DOCX with data descriptors and one with [Content_Types].xml last are DOCX', async () => {
    const word = zipSync(Object.fromEntries(docxParts.map(([n, c]) => [n, strToU8(c)])));
    expect(await sniffKind(word)).toBe('docx');
    const streamed = streamedZip(docxParts);
    expect(streamed[6]! & 0x08).toBe(0x08); // general purpose flag bit 3: sizes follow in a data descriptor
    expect(await sniffKind(streamed)).toBe('docx');
    const late = [...docxParts.slice(1), docxParts[0]!];
    expect(await sniffKind(zipSync(Object.fromEntries(late.map(([n, c]) => [n, strToU8(c)]))))).toBe('docx');
    expect(await sniffKind(streamedZip(late))).toBe('docx');
  });

  it('an ODT is ODT (accepted only where the rules list it); other OpenDocument files are refused', async () => {
    const odt = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8('<office:document-content/>'),
    });
    expect(await sniffKind(odt)).toBe('odt');
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] });
    expect(await sniffKind(ods)).toBeNull();
  });

  it('S13 a plain zip renamed .docx and HTML renamed .pdf are refused', async () => {
    expect(await sniffKind(zipSync({ 'notes.txt': strToU8('hello'), 'word/readme.txt': strToU8('hi') }))).toBeNull();
    expect(await sniffKind(streamedZip([['report.txt', 'hello']]))).toBeNull();
    expect(
      await sniffKind(
        text('<!DOCTYPE html>\n<html><head><title>report.pdf</title></head><body>%PDF-1.7</body></html>'),
      ),
    ).toBeNull();
    // An ID3 tag in front of something that is not MPEG audio (here a PDF, then an HTML page) is not MP3.
    const pdf = text(`%PDF-1.7\n${'<html><script>alert(1)</script></html>'.repeat(3)}`);
    expect(await sniffKind(new Uint8Array([...text('ID3'), 4, 0, 0, 0, 0, 0, 0, ...pdf]))).toBeNull();
    expect(await sniffKind(new Uint8Array([...text('ID3'), 4, 0, 0, 0, 0, 0, 4, ...pdf]))).toBeNull();
  });
});

/** A JPEG start: SOI, `app1Bytes` of APP1 (EXIF-like padding), then SOF0 for width × height, 3 components. */
function jpegHeader(width: number, height: number, app1Bytes: number): Uint8Array {
  const app1: number[] = [0xff, 0xe1, (app1Bytes + 2) >> 8, (app1Bytes + 2) & 0xff, ...text('Exif\0\0')];
  while (app1.length < app1Bytes + 4) app1.push(0x41);
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  for (let c = 1; c <= 3; c++) sof.push(c, 0x11, 0);
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof, 0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]);
}

describe('S25 imagePixels fails closed', () => {
  it('S25 a 50,000 × 50,000 JPEG header behind 8 KB of APP1 is measured (and so refused) before any decoding', () => {
    const bomb = jpegHeader(50_000, 50_000, 8 * 1024);
    expect(bomb.indexOf(0xc0, 8 * 1024)).toBeGreaterThan(4096); // the frame header is past the old 4 KB window
    expect(imagePixels(bomb, 'jpeg')).toBe(2_500_000_000);
    expect(imagePixels(jpegHeader(4000, 3000, 60_000), 'jpeg')).toBe(12_000_000);
  });

  it('S25 an image whose size cannot be read is null, never 0 pixels', async () => {
    const bomb = jpegHeader(50_000, 50_000, 8 * 1024);
    expect(imagePixels(bomb.subarray(0, 6000), 'jpeg')).toBeNull(); // frame header beyond the bytes given
    expect(imagePixels(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'jpeg')).toBeNull();
    expect(imagePixels(text('\x89PNG\r\n\x1a\n'), 'png')).toBeNull();
    expect(imagePixels(text('RIFF\x64\0\0\0WEBPVP8 '), 'webp')).toBeNull();
    // A lossless (SOF3) JPEG frame, which image-size does not read, is unreadable too.
    const lossless = jpegHeader(100, 100, 16);
    lossless[lossless.indexOf(0xc0, 20)] = 0xc3;
    expect(imagePixels(lossless, 'jpeg')).toBeNull();
    // A PNG header handed in as a JPEG is not measured as one.
    const png = new Uint8Array(
      await sharp({ create: { width: 7, height: 5, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    expect(imagePixels(png, 'png')).toBe(35);
    expect(imagePixels(png, 'jpeg')).toBeNull();
  });

  it('WebP (lossy, lossless, extended) is measured like the others', async () => {
    const image = sharp({ create: { width: 300, height: 200, channels: 4, background: '#08f8' } });
    expect(imagePixels(new Uint8Array(await image.clone().webp().toBuffer()), 'webp')).toBe(60_000);
    expect(imagePixels(new Uint8Array(await image.clone().webp({ lossless: true }).toBuffer()), 'webp')).toBe(60_000);
    const extended = await image
      .clone()
      .webp()
      .withMetadata({ exif: { IFD0: { Artist: 'A' } } })
      .toBuffer();
    expect(String.fromCharCode(...extended.subarray(12, 16))).toBe('VP8X');
    expect(imagePixels(new Uint8Array(extended), 'webp')).toBe(60_000);
  });

  it('a 5 MiB head of noise, or of 1.3 million empty segments, after a JPEG start is found unreadable quickly', () => {
    const noise = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 131 + 7) % 256;
    noise.set([0xff, 0xd8, 0xff, 0xe1, 0, 4, 0, 0]);
    const segments = new Uint8Array(5 * 1024 * 1024);
    for (let at = 2; at + 4 <= segments.length; at += 4) segments.set([0xff, 0xe2, 0, 2], at);
    segments.set([0xff, 0xd8]);
    for (const head of [noise, segments]) {
      const started = performance.now();
      expect(imagePixels(head, 'jpeg')).toBeNull();
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
