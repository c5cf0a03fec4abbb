import { z } from 'zod';

// Whole numbers as HTML forms and JSON send them, one rule for every form of the site: a text field
// left empty is "not given". A required number then gets its own error message; an optional count
// ("children aged 3–5", "seats") reads as 0, as people mean it when they leave it empty.

/**
 * The one rule for text that is a whole number: plain decimal digits (at most 15), optionally
 * signed. `1e1`, `0x5`, `1.0`, `0b1`, `Infinity` are not (JavaScript's `Number()` reads them as
 * 10, 5, 1, 1, Infinity); a sign is kept so that `-1` fails a range check, not a format check.
 */
export const WHOLE_DIGITS = /^[+-]?\d{1,15}$/;
/** {@link WHOLE_DIGITS} without a sign, for numbers that cannot be negative (a form's version). */
export const UNSIGNED_DIGITS = /^\d{1,15}$/;

/**
 * A form's text or a JSON value read as a whole number by {@link WHOLE_DIGITS}: a number stays
 * as it is (range and integer checks follow), text of plain digits (trimmed) becomes its number,
 * blank text becomes `undefined`, anything else `NaN` (which every number schema refuses).
 * @param v what was sent
 * @returns number | undefined (NaN for anything not a whole number)
 */
export function asWhole(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return Number.NaN;
  const text = v.trim();
  if (text === '') return undefined;
  return WHOLE_DIGITS.test(text) ? Number(text) + 0 : Number.NaN; // + 0: '-0' is 0
}

/**
 * A required whole number from `min` to `max` (a form's text or a JSON number); an empty field,
 * a fraction, text or a number out of range all fail with the message key `error`.
 */
export const wholeNumber = (min: number, max: number, error: string) =>
  z.preprocess(asWhole, z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));

/**
 * An optional count from `min` to `max`: empty, blank or missing reads as `empty` (0 unless
 * given); anything else as {@link wholeNumber}.
 */
export const optionalCount = (min: number, max: number, error: string, empty = 0) =>
  z.preprocess((v) => asWhole(v) ?? empty, z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));

/**
 * The version a form or an autosave was based on (0 before the first save): a whole number from 0
 * as JSON or as a form's digits ({@link UNSIGNED_DIGITS}). Unlike `z.coerce.number`, `null`, `''`, `true`, `abc` or `1e3` are
 * refused with `error`, never read as 0 (a save "based on nothing" would overwrite the stored one).
 */
export const formVersion = (error: string) =>
  z
    .union([z.number({ error }), z.string({ error }).trim().regex(UNSIGNED_DIGITS, { error })], { error })
    .transform(Number)
    .pipe(z.number().int({ error }).min(0, { error }).max(Number.MAX_SAFE_INTEGER, { error }));
