// @ts-check
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { defineHastPlugin } from 'satteri';
import { splitPhoneNumbers } from '../../core/phone.ts';

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

/** Any decimal digit: what every phone number has (core/phone.ts `telHref` needs three). */
const DIGIT = /\d/;

/** Elements whose text is left as it is: links already, code, and headings (titles stay plain). */
const SKIP = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'script', 'style']);

/**
 * Splits one text into hast text and `tel:` link nodes (core/phone.ts `splitPhoneNumbers`).
 * @param {string} value
 * @param {string[]} numbers as written, e.g. from {@link helplineNumbers}
 * @returns the nodes, or undefined when no number is in the text
 */
export function linkNumbers(value, numbers) {
  const parts = splitPhoneNumbers(value, numbers);
  if (parts.every((p) => typeof p === 'string')) return undefined;
  return parts.map((p) =>
    typeof p === 'string'
      ? { type: 'text', value: p }
      : { type: 'element', tagName: 'a', properties: { href: p.href }, children: [{ type: 'text', value: p.number }] },
  );
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
      // Every number has digits: a text without one (nearly every text) is left before the walk
      // up its ancestors and the numbers' patterns, which took half of Sätteri's time compiling
      // the MDX of 3,000 stories (npm run bench:build, CPU profile: 0.8 of 1.5 s).
      if (!DIGIT.test(node.value)) return;
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
