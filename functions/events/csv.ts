/**
 * CSV for coordinators' exports, safe to open in a spreadsheet (S18): a cell starting with
 * = + - @, a tab or a carriage return would be read as a formula, so it gets a leading
 * apostrophe and is shown as text. Every cell is quoted (RFC 4180).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Rows to CSV text with CRLF line ends and a BOM, so spreadsheet programs read UTF-8. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
