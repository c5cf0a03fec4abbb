// The jury's blind view of an entry (S09): built only from fields that do not identify the author.
// The list is an allow-list, so a field added to the entry later stays hidden until someone
// decides it is safe. File metadata (names, EXIF) is the upload module's part.

/**
 * Entry fields that identify the author or outlet; never in the jury view. Kept in step with the
 * IDENTIFYING notes in `db/schema/competition.ts` (a test checks the two lists cover every column).
 */
export const identifyingFields = [
  'entrantId',
  'authors',
  'outlet',
  'url',
  'country',
  'conflicts',
  'locale',
  'screeningReason',
] as const;

/** Fields the jury may see. */
export const blindFields = [
  'id',
  'number',
  'editionId',
  'categoryId',
  'title',
  'language',
  'publishedOn',
  'summary',
  'summaryTranslation',
] as const;

export type BlindField = (typeof blindFields)[number];
export type BlindEntry = { [K in BlindField]: string | null };

/** The jury view of an entry: only the allow-listed, non-identifying fields. */
export function blindView(entry: Readonly<Record<BlindField, string | null>>): BlindEntry {
  return Object.fromEntries(blindFields.map((f) => [f, entry[f] ?? null])) as BlindEntry;
}
