// XLSX export of entries for organisers, with typed cells: numbers as numbers, dates as dates,
// text as inline text, a bold header row, sized columns and the header frozen.
//
// Why our own writer and not `write-excel-file` (4.x, fflate only, runs in Workers): the workbook
// here is one sheet of a dozen columns, and ~100 lines over fflate (already a dependency) give exact
// control of what matters for S18 and for tests: text that looks like a formula is written as an
// inline string with the `quotePrefix` style, so Excel and LibreOffice show it exactly as typed
// (`=1+1`, `+421 …`, no stray apostrophe), never evaluate it, and keep it text when the cell is
// edited; the bytes are the same for the same rows (fixed zip times), and the Worker bundle grows by
// no library. The cells' XML is asserted in export.test.ts.
import { strToU8, zipSync } from 'fflate';
import { EDITION_ZONE } from '../../core/dates.ts';
import { instantToWallTime } from '../../core/zoned-time.ts';

/** A calendar day without time or zone (`YYYY-MM-DD`), written as a date cell. */
export interface DayCell {
  day: string;
}

/**
 * One cell: text, a number, a calendar day, an instant (a `Date`, written as a date-time cell in
 * Europe/Bratislava wall-clock time, since spreadsheets have no zones), or empty (`null`).
 */
export type XlsxCell = string | number | Date | DayCell | null;

/** A calendar day as a cell: `day('2026-05-17')`. */
export const day = (value: string): DayCell => ({ day: value });

/** Characters that make a spreadsheet read typed text as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

const xmlEscape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters; tab, LF and CR stay.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** A1-style column name: 0 → A, 26 → AA. */
const column = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26);

/** Style indexes into `cellXfs` of styles.xml below. */
const STYLE = { header: 1, day: 2, dateTime: 3, formulaLikeText: 4 } as const;

/** Days since 1899-12-30 (Excel's 1900 date system, as every current spreadsheet reads it). */
const EPOCH = Date.UTC(1899, 11, 30);
const serial = (utcMs: number) => (utcMs - EPOCH) / 86_400_000;

/** The serial of a `YYYY-MM-DD` day, or null when it is not one. */
function daySerial(value: string): number | null {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? null : serial(ms);
}

/** The serial of an instant's wall-clock time in Europe/Bratislava, to the minute. */
const instantSerial = (instant: Date) => serial(Date.parse(`${instantToWallTime(instant, EDITION_ZONE)}:00Z`));

const textCell = (ref: string, text: string, style?: number) =>
  `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;

/** One cell's XML, and the width (in characters) its shown value needs. */
function cellXml(ref: string, cell: XlsxCell, header: boolean): { xml: string; width: number } {
  if (cell === null || cell === '') return { xml: '', width: 0 };
  if (typeof cell === 'string') {
    const style = header ? STYLE.header : FORMULA_START.test(cell) ? STYLE.formulaLikeText : undefined;
    const longestLine = Math.max(...cell.split('\n').map((line) => line.length));
    return { xml: textCell(ref, cell, style), width: longestLine };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { xml: '', width: 0 };
    return { xml: `<c r="${ref}"><v>${cell}</v></c>`, width: String(cell).length };
  }
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { xml: '', width: 0 };
    return { xml: `<c r="${ref}" s="${STYLE.dateTime}"><v>${instantSerial(cell)}</v></c>`, width: 16 };
  }
  const value = daySerial(cell.day);
  // Not a real day: keep what was stored, as text.
  if (value === null) return cellXml(ref, cell.day, header);
  return { xml: `<c r="${ref}" s="${STYLE.day}"><v>${value}</v></c>`, width: 10 };
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/**
 * A one-sheet XLSX workbook zipped with fflate. The first row is the header (bold, frozen); each
 * column is as wide as its longest shown value (8–60 characters).
 */
export function toXlsx(rows: readonly (readonly XlsxCell[])[], sheetName = 'Entries'): Uint8Array {
  const widths: number[] = [];
  const sheetRows = rows
    .map((row, r) => {
      const cells = row.map((cell, c) => {
        const { xml, width } = cellXml(`${column(c)}${r + 1}`, cell, r === 0);
        widths[c] = Math.max(widths[c] ?? 0, width);
        return xml;
      });
      return `<row r="${r + 1}">${cells.join('')}</row>`;
    })
    .join('');
  const cols = widths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(8, w + 2))}" customWidth="1"/>`)
    .join('');
  const frozenHeader =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/styles.xml': STYLES,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${frozenHeader}${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  // A fixed time keeps the same rows giving the same bytes.
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, xml]) => [name, [strToU8(xml), { mtime: new Date('2026-01-01T00:00:00Z') }]]),
    ),
  );
}

/** A cell as CSV text: instants as ISO 8601 UTC, days as `YYYY-MM-DD` (functions/http/csv.ts neutralises formulas). */
export const csvValue = (cell: XlsxCell): string | number =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString() : typeof cell === 'object' ? cell.day : cell;
