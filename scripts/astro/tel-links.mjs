// @ts-check
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { defineHastPlugin } from 'satteri';
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
 * @typedef {{ type: 'text'; value: string }} TextNode
 * @typedef {{ type: 'element'; tagName: string; properties: Record<string, unknown>; children: TextNode[] }} LinkNode
 */

/**
 * Splits one text into text and `tel:` links for every number found in it; longer numbers are
 * matched first ("+421 800 800 818" before "0800 800 818" before "112").
 * @param {string} value
 * @param {string[]} numbers as written, e.g. from {@link helplineNumbers}
 * @returns {(TextNode | LinkNode)[] | undefined} the parts, or undefined when no number is in the text
 */
export function linkNumbers(value, numbers) {
  /** @type {{ start: number; end: number; href: string }[]} */
  const found = [];
  for (const n of numbers.toSorted((a, b) => b.length - a.length)) {
    for (const match of value.matchAll(numberPattern(n))) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!found.some((f) => start < f.end && end > f.start)) found.push({ start, end, href: telHref(n) });
    }
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.start - b.start);
  /** @type {(TextNode | LinkNode)[]} */
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
 * A hast plugin for Astro's Markdown processor (Sätteri; MDX uses it too): every helpline number in
 * running text becomes a `tel:` link in the global form (core/phone.ts), so a reader on a phone
 * calls with one tap. Text inside links, code and headings is left as it is.
 * @param {{ numbers?: string[] }} [options] the numbers to link (default: content/helplines.yml)
 */
export function telLinksPlugin(options = {}) {
  const numbers = options.numbers ?? helplineNumbers();
  return defineHastPlugin({
    name: 'spotlight-tel-links',
    text(node, ctx) {
      /** @type {ReturnType<typeof ctx.parent> | undefined} */
      let p = ctx.parent(node);
      while (p && p.type === 'element') {
        if (SKIP.has(p.tagName)) return;
        p = ctx.parent(p);
      }
      const parts = linkNumbers(node.value, numbers);
      // The parts are plain hast (text and `a` elements), which the processor materialises.
      if (parts) ctx.replaceNode(node, /** @type {any} */ (parts));
    },
  });
}
