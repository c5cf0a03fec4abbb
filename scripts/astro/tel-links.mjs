// @ts-check
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { numberPattern, telHref } from '../../core/phone.ts';

/**
 * The numbers people may call, as written on the pages: every helpline's number and number from
 * abroad in content/helplines.yml (112 among them).
 * @param {string} [file]
 * @returns {string[]} e.g. `["0800 800 818", "+421 800 800 818", "112"]`
 */
export function helplineNumbers(file = 'content/helplines.yml') {
  const lines = /** @type {{ number?: string; abroad?: string }[]} */ (load(readFileSync(file, 'utf8')));
  return [...new Set(lines.flatMap((l) => [l.number, l.abroad].filter((n) => typeof n === 'string')))];
}

/** Elements whose text is left as it is: links already, code, and headings (titles stay plain). */
const SKIP = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'script', 'style']);

/**
 * @typedef {{ type: 'text'; value: string }} HastText
 * @typedef {{ type: 'element'; tagName: string; properties: Record<string, unknown>; children: HastNode[] }} HastElement
 * @typedef {HastText | HastElement | { type: string; children?: HastNode[]; value?: string }} HastNode
 */

/**
 * Splits one text into text and `tel:` links for every number found in it.
 * @param {string} value
 * @param {{ pattern: RegExp; href: string }[]} numbers
 * @returns {HastNode[]}
 */
function linkText(value, numbers) {
  /** @type {{ start: number; end: number; href: string }[]} */
  const found = [];
  for (const { pattern, href } of numbers) {
    for (const match of value.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!found.some((f) => start < f.end && end > f.start)) found.push({ start, end, href });
    }
  }
  if (found.length === 0) return [{ type: 'text', value }];
  found.sort((a, b) => a.start - b.start);
  /** @type {HastNode[]} */
  const parts = [];
  let at = 0;
  for (const f of found) {
    if (f.start > at) parts.push({ type: 'text', value: value.slice(at, f.start) });
    parts.push({
      type: 'element',
      tagName: 'a',
      properties: { href: f.href },
      children: [{ type: 'text', value: value.slice(f.start, f.end) }],
    });
    at = f.end;
  }
  if (at < value.length) parts.push({ type: 'text', value: value.slice(at) });
  return parts;
}

/**
 * A rehype plugin for the MDX pages: every helpline number in running text becomes a `tel:` link
 * in the global form (core/phone.ts), so a reader on a phone calls with one tap. Longer numbers
 * are matched first ("+421 800 800 818" before "0800 800 818" before "112").
 * @param {{ numbers?: string[] }} [options] the numbers to link (default: content/helplines.yml)
 */
export function rehypeTelLinks(options = {}) {
  const numbers = (options.numbers ?? helplineNumbers())
    .toSorted((a, b) => b.length - a.length)
    .map((n) => ({ pattern: numberPattern(n), href: telHref(n) }));
  /** @param {HastNode} node */
  const walk = (node) => {
    if (!('children' in node) || !node.children) return;
    node.children = node.children.flatMap((child) => {
      if (child.type === 'text') return linkText(/** @type {HastText} */ (child).value, numbers);
      if (child.type === 'element' && SKIP.has(/** @type {HastElement} */ (child).tagName)) return [child];
      walk(child);
      return [child];
    });
  };
  return /** @param {HastNode} tree */ (tree) => walk(tree);
}
