import type { z } from 'zod';

// Text fields, one rule for every form and JSON body: control characters and bidirectional
// overrides never belong in what people type. A name like "\0‮\0" would greet the family in a mail
// as "Hello \0‮\0," and the override reverses the text shown after it (in lists, exports, mails).

/**
 * What no single-line field may hold: C0 controls U+0000–U+001F (tab and line breaks included),
 * DEL U+007F, the bidi embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const NOT_IN_LINE = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/** What no multi-line field (a textarea) may hold: {@link NOT_IN_LINE} less tab, LF and CR. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const NOT_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/**
 * A single-line text field: `schema` (a `z.string()` with its own trims and limits) that also
 * refuses {@link NOT_IN_LINE} with the error code `text.controlInLine`.
 * @param schema the field's string schema
 * @returns the same schema with the check added
 */
export const line = <S extends z.ZodString>(schema: S) =>
  schema.refine((s) => !NOT_IN_LINE.test(s), { error: 'text.controlInLine' });

/**
 * A multi-line text field (a textarea): `schema` that also refuses {@link NOT_IN_TEXT} with the
 * error code `text.control`; tabs and line breaks stay.
 * @param schema the field's string schema
 * @returns the same schema with the check added
 */
export const multiLine = <S extends z.ZodString>(schema: S) =>
  schema.refine((s) => !NOT_IN_TEXT.test(s), { error: 'text.control' });
