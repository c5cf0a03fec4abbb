import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkListedFile, sniffType } from './check-files.ts';

async function pdfWithPages(count: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < count; i++) pdf.addPage();
  return pdf.save();
}

const bytes = (text: string) => new TextEncoder().encode(text);
const webm = Uint8Array.from([
  0x1a,
  0x45,
  0xdf,
  0xa3,
  0x9f,
  0x42,
  0x86,
  0x81,
  0x01,
  0x42,
  0x82,
  0x84,
  ...bytes('webm'),
]);

describe('sniffType', () => {
  it('knows files by their first bytes', async () => {
    expect(await sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(await sniffType(webm)).toBe('video/webm');
    expect(await sniffType(bytes('OggS\0\x02'))).toBe('audio/ogg');
    expect(await sniffType(bytes('WEBVTT\n\n00:00.000 --> 00:01.000\nHi'))).toBe('text/vtt');
    expect(await sniffType(bytes('\uFEFFWEBVTT\n'))).toBe('text/vtt');
  });

  it('does not trust a name or a near miss', async () => {
    expect(await sniffType(bytes('<!doctype html><title>worksheet.pdf</title>'))).toBeUndefined();
    expect(await sniffType(bytes('MZ\x90\0'))).toBeUndefined();
    expect(await sniffType(bytes('WEBVTTX'))).toBeUndefined();
    expect(await sniffType(new Uint8Array())).toBeUndefined();
  });
});

describe('checkListedFile', () => {
  const files = new Map<string, Uint8Array>();
  const read = async (path: string) => files.get(path);
  const path = 'public/materials/arriving-worksheet/worksheet-sk.pdf';

  it('accepts a file with the listed size, type and page count', async () => {
    const pdf = await pdfWithPages(2);
    files.set(path, pdf);
    expect(
      await checkListedFile(
        'arriving-worksheet',
        { name: 'worksheet-sk.pdf', type: 'application/pdf', size: pdf.byteLength, pages: 2 },
        path,
        read,
      ),
    ).toEqual([]);
  });

  it('names the material and the file when the file is missing', async () => {
    expect(
      await checkListedFile(
        'arriving-worksheet',
        { name: 'worksheet-en.pdf', type: 'application/pdf', size: 10, pages: 1 },
        'public/materials/arriving-worksheet/worksheet-en.pdf',
        read,
      ),
    ).toEqual([
      'material "arriving-worksheet", file "worksheet-en.pdf": public/materials/arriving-worksheet/worksheet-en.pdf does not exist',
    ]);
  });

  it('reports a wrong size and a wrong page count', async () => {
    const pdf = await pdfWithPages(3);
    files.set(path, pdf);
    expect(
      await checkListedFile(
        'arriving-worksheet',
        { name: 'worksheet-sk.pdf', type: 'application/pdf', size: 1234, pages: 2 },
        path,
        read,
      ),
    ).toEqual([
      `material "arriving-worksheet", file "worksheet-sk.pdf": listed as 1234 bytes, but ${path} has ${pdf.byteLength}`,
      `material "arriving-worksheet", file "worksheet-sk.pdf": listed with 2 pages, but ${path} has 3`,
    ]);
  });

  it('reports a file whose bytes are not the listed type, whatever its name', async () => {
    const html = bytes('<!doctype html><p>not a PDF</p>');
    files.set(path, html);
    expect(
      await checkListedFile(
        'arriving-worksheet',
        { name: 'worksheet-sk.pdf', type: 'application/pdf', size: html.byteLength, pages: 1 },
        path,
        read,
      ),
    ).toEqual([
      `material "arriving-worksheet", file "worksheet-sk.pdf": listed as application/pdf, but ${path} is of an unknown type by its content`,
    ]);
    files.set(path, webm);
    expect(
      await checkListedFile(
        'arriving-worksheet',
        { name: 'worksheet-sk.pdf', type: 'application/pdf', size: webm.byteLength, pages: 1 },
        path,
        read,
      ),
    ).toEqual([
      `material "arriving-worksheet", file "worksheet-sk.pdf": listed as application/pdf, but ${path} is video/webm by its content`,
    ]);
  });

  it('reports a broken PDF and a page count on a file that has no pages', async () => {
    const broken = bytes('%PDF-1.7\ngarbage');
    files.set(path, broken);
    expect(
      await checkListedFile(
        'm',
        { name: 'a.pdf', type: 'application/pdf', size: broken.byteLength, pages: 1 },
        path,
        read,
      ),
    ).toEqual([`material "m", file "a.pdf": ${path} starts like a PDF but cannot be read as one`]);
    files.set(path, webm);
    expect(
      await checkListedFile('m', { name: 'a.webm', type: 'video/webm', size: webm.byteLength, pages: 1 }, path, read),
    ).toEqual([`material "m", file "a.webm": only PDFs list a page count`]);
  });
});
