/**
 * CSV for spreadsheets, safe against formula injection (S18): a cell that a spreadsheet would
 * read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, and every cell is quoted per RFC 4180.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = typeof value === 'number' ? text : neutralise(text);
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text with a formula start neutralised by a leading apostrophe (also for XLSX cells). */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Rows to a CSV document with CRLF line ends and a BOM, so Excel reads UTF-8 (Slovak, Cyrillic). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
