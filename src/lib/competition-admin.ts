// The competition managers' forms as API requests: posted form → the route's JSON body.
import type { z } from 'zod';
import type {
  categoryInput,
  editionInput,
  extensionInput,
  ScreeningBody,
} from '../../functions/competition/competition.schemas.ts';
import { locales, type Locale } from '../../core/locales.ts';
import type { EditionRead } from './competition.ts';
import { joinDate, type PostedForm } from './form.ts';

/** Text typed once per locale (`name.sk`, `name.en`, `name.uk`) as the API's `{ sk, en, uk }`. */
const perLocale = (form: PostedForm, prefix: string) =>
  Object.fromEntries(locales.map((l) => [l, form.get(`${prefix}.${l}`)]));

/** The edition form (create or change), for `POST /api/competition/manage/editions`. */
export function editionRequest(form: PostedForm, lang: Locale): z.input<typeof editionInput> & { lang: Locale } {
  return {
    id: form.get('id'),
    name: perLocale(form, 'name'),
    rules: perLocale(form, 'rules'),
    prizes: perLocale(form, 'prizes'),
    submissionsOpenAt: form.get('submissionsOpenAt'),
    submissionsCloseAt: form.get('submissionsCloseAt'),
    publishedFrom: joinDate(form, 'publishedFrom'),
    publishedUntil: joinDate(form, 'publishedUntil'),
    lang,
  };
}

/** One megabyte as the portal states limits (decimal, core/file-size.ts). */
const MB = 1_000_000;

/**
 * A size typed in megabytes (`20`, `2.5`, `2,5`) as bytes for the API (`20000000`); what is not a
 * number goes as typed, for the API to refuse (`competition.fileSize`, with the range). Text the API would still
 * read as a number (`1e3`, `0x10`, `-1`, `Infinity`) goes as `NaN`, so it is refused too: never
 * taken as a number of bytes ("1e3" MB saved as a 1 kB limit).
 */
export function megabytesToBytes(typed: string): string {
  const text = typed.trim().replace(',', '.');
  if (/^\d+(\.\d+)?$/.test(text)) return String(Math.round(Number(text) * MB));
  return text === '' || Number.isNaN(Number(text)) ? typed : 'NaN';
}

/** A saved category as its form shows it: one field per locale, lists as "a, b". */
export function categoryFormValues(category: EditionRead['categories'][number]): Record<string, string> {
  return {
    slug: category.slug,
    position: String(category.position),
    ...Object.fromEntries(
      locales.flatMap((l) => [
        [`name.${l}`, category.name[l] ?? ''],
        [`description.${l}`, category.description[l] ?? ''],
      ]),
    ),
    languages: category.languages.join(', '),
    fileTypes: category.fileTypes.join(', '),
    maxFileMegabytes: String(category.maxFileBytes / MB),
    minWorkFiles: String(category.minWorkFiles),
    entriesPerEntrant: String(category.entriesPerEntrant),
    requiredFields: category.requiredFields.join(', '),
  };
}

/** The category form's labels (catalogue keys) of the fields whose messages serve several fields. */
const categoryLabels: Record<string, string> = {
  position: 'competition.admin.position',
  languages: 'competition.admin.languagesList',
  fileTypes: 'competition.admin.fileTypesList',
  maxFileBytes: 'competition.admin.maxFileBytes',
  minWorkFiles: 'competition.admin.minWorkFiles',
  entriesPerEntrant: 'competition.admin.entriesPerEntrant',
  requiredFields: 'competition.admin.requiredFieldsList',
};

/**
 * The category form's name for a field whose message does not say which field it is about, for
 * the error summary (`formErrors`' `name`, src/lib/form-errors.ts): "Separate the values with
 * commas" serves three typed lists and "Enter a whole number" four numbers, so the summary says
 * "Entries per person: Enter a whole number". Undefined for other fields and codes.
 * @param t the page's translations
 * @returns (field, code) → the field's label, or undefined
 */
export const categoryFieldName =
  (t: (key: string) => string) =>
  (field: string, code: string): string | undefined => {
    if (!['competition.list', 'competition.number', 'competition.fileSize', 'validation.failed'].includes(code))
      return undefined;
    const key = categoryLabels[field];
    return key ? t(key) : undefined;
  };

/** The category form, for `POST /api/competition/manage/editions/:id/categories`. */
export function categoryRequest(form: PostedForm, lang: Locale): z.input<typeof categoryInput> & { lang: Locale } {
  return {
    slug: form.get('slug'),
    position: form.get('position'),
    name: perLocale(form, 'name'),
    description: perLocale(form, 'description'),
    languages: form.get('languages'),
    fileTypes: form.get('fileTypes'),
    maxFileBytes: megabytesToBytes(form.get('maxFileMegabytes')),
    minWorkFiles: form.get('minWorkFiles'),
    entriesPerEntrant: form.get('entriesPerEntrant'),
    requiredFields: form.get('requiredFields'),
    lang,
  };
}

/** A screening decision on one entry, for `POST …/entries/:entryId/screening`. */
export function screeningRequest(form: PostedForm, lang: Locale): ScreeningBody & { lang: Locale } {
  return { decision: form.get('decision'), reason: form.get('reason'), lang };
}

/** A deadline extension for one entrant, for `POST …/extensions`. */
export function extensionRequest(form: PostedForm, lang: Locale): z.input<typeof extensionInput> & { lang: Locale } {
  return { email: form.get('email'), until: form.get('until'), lang };
}
