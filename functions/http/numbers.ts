import { z } from 'zod';

// Whole numbers as HTML forms and JSON send them, one rule for every form of the site: a text field
// left empty is "not given". A required number then gets its own error message; an optional count
// ("children aged 3–5", "seats") reads as 0, as people mean it when they leave it empty.

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * A required whole number from `min` to `max` (a form's text or a JSON number); an empty field,
 * a fraction, text or a number out of range all fail with the message key `error`.
 */
export const wholeNumber = (min: number, max: number, error: string) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }));

/**
 * An optional count from `min` to `max`: empty, blank or missing reads as `empty` (0 unless
 * given); anything else as {@link wholeNumber}.
 */
export const optionalCount = (min: number, max: number, error: string, empty = 0) =>
  z.preprocess(
    (v) => emptyToUndefined(v) ?? empty,
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
