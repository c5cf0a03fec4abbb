import { readdirSync, readFileSync } from 'node:fs';
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
  it('knows real files of the portal: PDF, WebM, MP4, OGG', () => {
    expect(
      sniffKind(head(`public/materials/arriving-worksheet/${readdir('public/materials/arriving-worksheet', '.pdf')}`)),
    ).toBe('pdf');
    expect(sniffKind(head('content/media/documentary/we-are-at-home-here-demo.webm'))).toBe('webm');
    expect(sniffKind(head('content/media/documentary/we-are-at-home-here-demo.mp4'))).toBe('mp4');
    expect(sniffKind(head('public/materials/classroom-audio/classroom.ogg'))).toBe('ogg');
  });

  it('knows images, audio and the ISO brands', () => {
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffKind(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffKind(bytes('RIFF', u32(100), 'WEBPVP8 '))).toBe('webp');
    expect(sniffKind(bytes('RIFF', u32(100), 'WAVEfmt '))).toBe('wav');
    expect(sniffKind(bytes('RIFF', u32(100), 'AVI LIST'))).toBeNull();
    expect(sniffKind(bytes('ID3', [4, 0, 0]))).toBe('mp3');
    expect(sniffKind(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3'); // MPEG-1 Layer III, 128 kbit/s
    expect(sniffKind(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC in ADTS: layer 00, not MP3
    expect(sniffKind(bytes(u32(0x20000000), 'ftypqt  '))).toBe('mov');
    expect(sniffKind(bytes(u32(0x20000000), 'ftypM4A '))).toBe('m4a');
    expect(sniffKind(bytes(u32(0x20000000), 'ftypisom'))).toBe('mp4');
    expect(sniffKind(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'))).toBe('mkv');
  });

  it('tells ODT and DOCX from other ZIP files without inflating anything', () => {
    expect(sniffKind(zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'))).toBe('odt');
    expect(sniffKind(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'))).toBeNull();
    const docx = [
      ...zipEntry('[Content_Types].xml', '<Types/>'),
      ...zipEntry('_rels/.rels', '<R/>'),
      ...zipEntry('word/document.xml', '<w/>'),
    ];
    expect(sniffKind(new Uint8Array(docx))).toBe('docx');
    expect(sniffKind(zipEntry('evil.exe', 'MZ'))).toBeNull();
  });

  it('S13 a ".pdf" that is HTML, a script or an executable is not a PDF', () => {
    expect(sniffKind(bytes('<!DOCTYPE html><html><body>%PDF-1.7'))).toBeNull();
    expect(sniffKind(bytes('<script>alert(1)</script>'))).toBeNull();
    expect(sniffKind(bytes('MZ', [0x90, 0, 3, 0]))).toBeNull();
    expect(sniffKind(bytes([0x7f], 'ELF', [2, 1, 1]))).toBeNull();
    expect(sniffKind(bytes('#!/bin/sh\n'))).toBeNull();
    expect(sniffKind(new Uint8Array())).toBeNull();
  });
});

function readdir(dir: string, ext: string): string {
  const name = readdirSync(dir).find((f) => f.endsWith(ext));
  if (!name) throw new Error(`no ${ext} in ${dir}`);
  return name;
}

describe('imagePixels reads dimensions from the header, without decoding', () => {
  it('S14 a 50,000 × 50,000 px PNG or JPEG is measured from its first bytes', () => {
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
    expect(imagePixels(png)).toBe(2_500_000_000);
    // SOI, an APP0 segment, then SOF0 with height 50,000 and width 50,000.
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0xc3, 0x50, 0xc3, 0x50, 3]);
    expect(imagePixels(jpeg)).toBe(2_500_000_000);
    expect(imagePixels(bytes('%PDF-1.7'))).toBeNull();
  });
});
