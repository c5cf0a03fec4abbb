// What every benchmark shares: a Markdown table for the console and for BENCHMARKS.md, and the
// file each benchmark leaves its section in. `npm run bench` (bench/run.mjs) runs the benchmarks one
// after another and joins their sections, with the machine they ran on, into BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each benchmark leaves its section (`<name>.md`); not committed (BENCHMARKS.md is). */
export const resultsDir = new URL('./results/', import.meta.url).pathname;

/**
 * A Markdown table, columns padded so it also reads well in a terminal.
 * @param {string[]} headers column titles
 * @param {(string | number)[][]} rows cells, one array per row (numbers are printed as given)
 * @returns {string} the table, lines joined by `\n`, no trailing newline
 */
export function table(headers, rows) {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/**
 * Prints a benchmark's section and leaves it in `bench/results/<name>.md` for BENCHMARKS.md.
 * @param {string} name file name without extension, e.g. `api` (sections are ordered by bench/run.mjs)
 * @param {string} markdown the section, starting with its `## ` heading: what was measured, the
 *   table(s) with figures and ratios against the bare baseline of the same run, and how to re-run it
 */
export function writeSection(name, markdown) {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.md`), `${markdown.trim()}\n`);
  console.log(`\n${markdown.trim()}\n`);
}

/**
 * A ratio for a table cell: `1.23×`, or `–` when the baseline is zero or missing.
 * @param {number} value the measured figure
 * @param {number} baseline the bare baseline's figure, same unit
 */
export const ratio = (value, baseline) => (baseline > 0 ? `${(value / baseline).toFixed(2)}×` : '–');
