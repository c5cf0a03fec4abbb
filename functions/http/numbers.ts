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

/**
 * The version a form or an autosave was based on (0 before the first save): a whole number from 0
 * as JSON or as a form's digits. Unlike `z.coerce.number`, `null`, `''`, `true`, `abc` or `1e3` are
 * refused with `error`, never read as 0 (a save "based on nothing" would overwrite the stored one).
 */
export const formVersion = (error: string) =>
  z
    .union(
      [
        z.number({ error }),
        z
          .string({ error })
          .trim()
          .regex(/^\d{1,15}$/, { error }),
      ],
      { error },
    )
    .transform(Number)
    .pipe(z.number().int({ error }).min(0, { error }).max(Number.MAX_SAFE_INTEGER, { error }));
