/**
 * Phone numbers as people read them ("0800 800 818") and as a phone dials them (`tel:` links).
 *
 * `tel:` URIs (RFC 3966) should carry the global form, `+<country code><number>`, so the link
 * dials the same line from a Slovak SIM abroad or from a foreign SIM in Slovakia. Short service
 * numbers (112, 158, 155, 150) have no global form: they are dialled as they are in every EU
 * network (112 works from any phone, even without a SIM's credit), and `tel:+421112` would not
 * connect. So 3–4 digit numbers stay as they are; national numbers starting with a trunk 0 get
 * the country code in its place; numbers already written with `+` keep it.
 */

/** The portal's country code, for national numbers written with a trunk 0 (Slovakia). */
export const COUNTRY_CODE = '421';

/**
 * The `tel:` URI for a number as written on a page.
 * @param written e.g. `"0800 800 818"`, `"+421 800 800 818"`, `"112"`, `"(02) 123 45"`
 * @returns e.g. `"tel:+421800800818"`, `"tel:+421800800818"`, `"tel:112"`
 * @throws Error when the text holds no dialable number (fewer than 3 digits, or letters)
 */
export function telHref(written: string): string {
  const compact = written.replace(/[\s\u00a0\u202f().\-/]/g, '');
  if (!/^\+?\d{3,15}$/.test(compact)) throw new Error(`not a phone number: "${written}"`);
  if (compact.startsWith('+')) return `tel:${compact}`;
  if (compact.length <= 4) return `tel:${compact}`;
  if (compact.startsWith('00')) return `tel:+${compact.slice(2)}`;
  if (compact.startsWith('0')) return `tel:+${COUNTRY_CODE}${compact.slice(1)}`;
  return `tel:+${COUNTRY_CODE}${compact}`;
}

/**
 * A pattern that finds `written` in running text whatever spaces (normal, no-break, narrow)
 * separate its digit groups, and not inside a longer number.
 * @param written a number as written, e.g. `"0800 800 818"`
 */
export function numberPattern(written: string): RegExp {
  const groups = written
    .trim()
    .split(/[\s\u00a0\u202f]+/)
    .map((g) => g.replace(/[+]/g, '\\+'));
  return new RegExp(`(?<![\\d+])${groups.join('[\\s\\u00a0\\u202f]?')}(?!\\d)`, 'g');
}

/** A piece of running text: as it is, or a number to link with its `tel:` URI. */
export type PhonePart = string | { number: string; href: string };

/**
 * Splits running text into text and the numbers to link, for every one of `numbers` it holds;
 * longer numbers are matched first ("+421 800 800 818" before "0800 800 818" before "112").
 * @param text e.g. `"Call 0800 800 818 or 112."`
 * @param numbers as written, e.g. every helpline's number and number from abroad
 * @returns e.g. `["Call ", { number: "0800 800 818", href: "tel:+421800800818" }, " or ", { number: "112", href: "tel:112" }, "."]`
 */
export function splitPhoneNumbers(text: string, numbers: readonly string[]): PhonePart[] {
  const found: { start: number; end: number; href: string }[] = [];
  for (const n of numbers.toSorted((a, b) => b.length - a.length)) {
    for (const match of text.matchAll(numberPattern(n))) {
      const start = match.index;
      const end = start + match[0].length;
      if (!found.some((f) => start < f.end && end > f.start)) found.push({ start, end, href: telHref(n) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const parts: PhonePart[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push({ number: text.slice(f.start, f.end), href: f.href });
    at = f.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
