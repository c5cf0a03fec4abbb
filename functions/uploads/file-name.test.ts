import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName, MAX_NAME_CHARS, withExtension } from './file-name.ts';

describe('cleanFileName', () => {
  it('keeps ordinary names and letters of every script', () => {
    expect(cleanFileName('Reportáž o ľuďoch.pdf')).toBe('Reportáž o ľuďoch.pdf');
    expect(cleanFileName('Їжак і ґудзик — інтерв’ю.mp3')).toBe('Їжак і ґудзик — інтерв’ю.mp3');
    expect(cleanFileName('photo 2026-11-23.JPG')).toBe('photo 2026-11-23.JPG');
  });

  it('S13 path traversal keeps only the last segment', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('..\\..\\windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(cleanFileName('../')).toBe('file');
    expect(cleanFileName('..')).toBe('file');
  });

  it('S13 NUL, newlines and control characters are removed', () => {
    expect(cleanFileName('report.pdf\u0000.exe')).toBe('report.pdf.exe');
    expect(cleanFileName('line\r\nbreak\t.pdf')).toBe('linebreak.pdf');
    expect(cleanFileName('bell\u0007\u001b[31m.pdf')).toBe('bell[31m.pdf');
  });

  it('S13 right-to-left overrides and invisible characters are removed', () => {
    // "invoice‮fdp.exe" shows as "invoiceexe.pdf" in many file managers.
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('a\u200Bb\u200E\u200F\u2066c\uFEFF.pdf')).toBe('abc.pdf');
  });

  it('S14 leading dots, Windows device names and forbidden characters are made harmless', () => {
    expect(cleanFileName('.htaccess')).toBe('htaccess');
    expect(cleanFileName('...hidden.pdf')).toBe('hidden.pdf');
    expect(cleanFileName('CON')).toBe('_CON');
    expect(cleanFileName('nul.txt')).toBe('_nul.txt');
    expect(cleanFileName('com1.pdf')).toBe('_com1.pdf');
    expect(cleanFileName('console.pdf')).toBe('console.pdf');
    expect(cleanFileName('a<b>c:d"e|f?g*.pdf')).toBe('a_b_c_d_e_f_g_.pdf');
    expect(cleanFileName('trailing dots... ')).toBe('trailing dots');
    expect(cleanFileName('   ')).toBe('file');
    expect(cleanFileName('', 'upload')).toBe('upload');
  });

  it('S14 overlong names are cut by characters, keeping the extension', () => {
    const long = `${'ž'.repeat(300)}.pdf`;
    const cleaned = cleanFileName(long);
    expect(Array.from(cleaned)).toHaveLength(MAX_NAME_CHARS);
    expect(cleaned.endsWith('ž.pdf')).toBe(true);
    // Astral characters are never split into lone surrogates.
    const emoji = cleanFileName('😀'.repeat(150));
    expect(Array.from(emoji)).toHaveLength(MAX_NAME_CHARS);
    expect(emoji.isWellFormed()).toBe(true);
  });

  it('composes decomposed letters (NFC), so one name is stored one way', () => {
    expect(cleanFileName('c\u030Cesky\u0301.pdf')).toBe('český.pdf');
  });
});

describe('download names', () => {
  it('S13 the real type decides the extension', () => {
    expect(withExtension('report.pdf', 'pdf')).toBe('report.pdf');
    expect(withExtension('report.PDF', 'pdf')).toBe('report.PDF');
    expect(withExtension('report.pdf.exe', 'pdf')).toBe('report.pdf.exe.pdf');
    expect(withExtension('film', 'mp4')).toBe('film.mp4');
  });

  it('S13 the Content-Disposition header is an attachment that no name can break', () => {
    expect(attachmentDisposition('Reportáž "x"; y.pdf')).toBe(
      `attachment; filename="Reportaz _x__ y.pdf"; filename*=UTF-8''Report%C3%A1%C5%BE%20%22x%22%3B%20y.pdf`,
    );
    expect(attachmentDisposition('Їжак.mp3')).toBe(
      `attachment; filename=".mp3"; filename*=UTF-8''%D0%87%D0%B6%D0%B0%D0%BA.mp3`,
    );
  });
});
