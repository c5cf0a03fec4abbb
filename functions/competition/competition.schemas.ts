import { z } from 'zod';
import { fileKinds, kindInfo } from '../../core/file-kind.ts';
import { isKnownLanguage } from '../../core/language-name.ts';
import { line, multiLine } from '../http/text.ts';
import { optionalCount, wholeNumber } from '../http/numbers.ts';
import { isCountryCode } from '../../core/countries.ts';
import { emailField } from '../accounts/accounts.schemas.ts';
import { screeningStates } from '../db/schema/competition.ts';
import { pagingQuery, type PagingQuery } from '../http/paging.ts';
import { boundedCache, cached } from '../../core/bounded-cache.ts';

// Pure values the competition pages show, part of this domain's public contract.
export { kindInfo } from '../uploads/sniff.ts';
export { categoryUploadRules } from './upload-rules.ts';

/** Longest summary (characters); the form counts down to it. */
export const SUMMARY_MAX = 1500;
/** Author rows the form offers. */
export const MAX_AUTHORS = 6;

/** The entry form's saving steps, in order (files have their own page and routes). */
export const entrySteps = ['work', 'authors', 'conflicts', 'declarations'] as const;
export type EntryStep = (typeof entrySteps)[number];

/** A single-line text field, '' when not sent. */
const text = (max: number) =>
  line(z.string({ error: 'competition.tooLong' }).trim().max(max, { error: 'competition.tooLong' })).default('');
/** A multi-line text field (a textarea), '' when not sent. */
const longText = (max: number) =>
  multiLine(z.string({ error: 'competition.tooLong' }).trim().max(max, { error: 'competition.tooLong' })).default('');
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]).default('');
/** Checkboxes arrive as `on` from forms and as booleans from JSON. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
  .default(false)
  .transform((v) => v === true || v === 'on' || v === 'true');

/** Step inputs. Unknown fields (`status`, `number`, `score`…) are stripped by zod (S07). */
export const stepInputs = {
  work: z.object({
    title: text(300),
    categoryId: text(64),
    language: orEmpty(z.string().regex(/^[a-z]{2}$/, { error: 'competition.language' })),
    outlet: text(200),
    publishedOn: orEmpty(z.iso.date({ error: 'competition.date' })),
    url: orEmpty(
      z
        .string()
        .trim()
        .max(2000, { error: 'competition.tooLong' })
        .regex(/^https?:\/\/[^\s/]+\.[^\s]+$/i, { error: 'competition.url' }),
    ),
    summary: longText(SUMMARY_MAX),
    summaryTranslation: longText(SUMMARY_MAX),
  }),
  authors: z.object({
    // An assigned ISO 3166-1 alpha-2 code (the form's select sends them; `sk` from an API client
    // is taken as SK); `ZZ`, `EU` or a name are refused.
    country: orEmpty(z.string().trim().toUpperCase().refine(isCountryCode, { error: 'competition.country' })),
    authors: z
      .array(z.object({ name: text(120), role: text(80) }), { error: 'competition.tooLong' })
      .max(MAX_AUTHORS, { error: 'competition.tooLong' })
      .default([])
      .transform((list) => list.filter((a) => a.name !== '' || a.role !== '')),
  }),
  conflicts: z.object({ conflicts: longText(2000) }),
  declarations: z.object({
    declaredOwnWork: checkbox,
    declaredLicence: checkbox,
    declaredRules: checkbox,
    declaredPrivacy: checkbox,
  }),
} satisfies Record<EntryStep, z.ZodType>;

/** The edition's categories as the work step checks them: ids, and the languages each takes. */
export interface StepCategory {
  id: string;
  languages: readonly string[];
}

/**
 * A step's schema for an entry of one edition: on the work step, the category must be one of
 * `categories` (`competition.category`) and the language one that some category takes
 * (`competition.language`; which category takes it is eligibility's question, asked at submission).
 * Checked beside the other fields, so every problem of the step is reported at once (a tester found
 * an unknown category reported only after the other errors were fixed).
 */
export function stepInputFor(step: EntryStep, categories: readonly StepCategory[]): z.ZodType<StepInput> {
  if (step !== 'work') return stepInputs[step] as z.ZodType<StepInput>;
  // Built once per set of categories and isolate: building a zod schema is a good part of a step's CPU.
  const key = JSON.stringify(categories.map((c) => [c.id, c.languages]));
  return cached(workSchemas, key, () => workSchema(categories.map((c) => ({ id: c.id, languages: [...c.languages] }))));
}

/** {@link stepInputFor}'s work-step schemas by categories (ids and languages), about the last 64 per isolate. */
const workSchemas = boundedCache<string, z.ZodType<StepInput>>(64);

function workSchema(categories: readonly StepCategory[]): z.ZodType<StepInput> {
  return stepInputs.work.extend({
    categoryId: text(64).refine((id) => id === '' || categories.some((c) => c.id === id), {
      error: 'competition.category',
    }),
    language: stepInputs.work.shape.language.refine(
      (code) => code === '' || categories.some((c) => c.languages.includes(code)),
      { error: 'competition.language' },
    ),
  }) as z.ZodType<StepInput>;
}

export type StepInput = { [S in EntryStep]: z.infer<(typeof stepInputs)[S]> }[EntryStep];
/** What a client may send to save a step (any step's input, before defaults and transforms). */
export type StepBody = { [S in EntryStep]: z.input<(typeof stepInputs)[S]> }[EntryStep];

/** Attaching an upload to an entry; a malformed id answers like a missing upload (404). */
export const attachFileInput = z.object({ uploadId: z.uuid() });

export const extensionCodeInput = z.object({
  code: line(
    z.string().trim().min(1, { error: 'competition.codeInvalid' }).max(64, { error: 'competition.codeInvalid' }),
  ),
});

const localized = (max: number) => z.object({ sk: text(max), en: text(max), uk: text(max) });
const localizedText = (max: number) => z.object({ sk: longText(max), en: longText(max), uk: longText(max) });
/** `2027-03-31T23:59` in the edition's time zone. */
const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'competition.time' });

/** An edition as managers edit it; times are wall-clock times in Europe/Bratislava. */
export const editionInput = z
  .object({
    id: z.string().regex(/^\d{4}$/, { error: 'competition.year' }),
    name: localized(200),
    rules: localizedText(20_000),
    prizes: localizedText(5_000),
    submissionsOpenAt: wallTime,
    submissionsCloseAt: wallTime,
    publishedFrom: z.iso.date({ error: 'competition.date' }),
    publishedUntil: z.iso.date({ error: 'competition.date' }),
  })
  .refine((e) => e.submissionsOpenAt < e.submissionsCloseAt, {
    error: 'competition.order',
    path: ['submissionsCloseAt'],
  })
  .refine((e) => e.publishedFrom <= e.publishedUntil, { error: 'competition.order', path: ['publishedUntil'] });
export type EditionInput = z.infer<typeof editionInput>;

/**
 * A list typed as text (`sk, en`) or sent as an array: each value matching `pattern`
 * (`competition.list`, the format), then each one `known` (`unknown`, the value itself), at most
 * 50. A problem is one problem of the field at its own path (`languages`, not `languages.0`), so
 * the form shows the message beside the field and the error summary links to it.
 */
const list = (pattern: RegExp, known: (value: string) => boolean = () => true, unknown = 'competition.list') =>
  z
    .union([z.array(z.string()), z.string()], { error: 'competition.list' })
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean))
    .refine((values) => values.length <= 50 && values.every((v) => pattern.test(v)), { error: 'competition.list' })
    .refine((values) => values.every(known), { error: unknown });

/** The media types a category may take: those of the kinds the upload recognises (core/file-kind.ts). */
export const categoryFileTypes: readonly string[] = fileKinds.map((k) => kindInfo[k].mime);

/** A category as managers edit it. */
export const categoryInput = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'competition.slug' }),
  position: optionalCount(0, 99, 'competition.number'),
  name: localized(120),
  description: localizedText(2000),
  languages: list(/^[a-z]{2}$/, isKnownLanguage, 'competition.languageUnknown').refine((l) => l.length > 0, {
    error: 'competition.languagesRequired',
  }),
  fileTypes: list(/^[a-z]+\/[a-z0-9.+-]+$/, (t) => categoryFileTypes.includes(t), 'competition.fileTypeUnknown'),
  // Bytes (the form types decimal MB, src/lib/competition-admin.ts); 5 GB, decimal like every limit the portal states.
  maxFileBytes: wholeNumber(1, 5_000_000_000, 'competition.fileSize'),
  minWorkFiles: optionalCount(0, 20, 'competition.number'),
  entriesPerEntrant: wholeNumber(1, 20, 'competition.number'),
  requiredFields: list(/^(outlet|url)$/),
});
export type CategoryInput = z.infer<typeof categoryInput>;
/**
 * A category as saved: {@link categoryInput}, and a category that asks for files names at least
 * one file type (`competition.fileTypesRequired` at `fileTypes`); one without files may name none.
 */
export const categorySaved = categoryInput.refine((c) => c.minWorkFiles === 0 || c.fileTypes.length > 0, {
  error: 'competition.fileTypesRequired',
  path: ['fileTypes'],
});

export const screeningInput = z
  .object({ decision: z.enum(screeningStates, { error: 'competition.decision' }), reason: longText(1000) })
  .refine((s) => s.decision !== 'ineligible' || s.reason !== '', {
    error: 'competition.reasonRequired',
    path: ['reason'],
  });

/** What a client sends to screen an entry: the decision as any text (a form's select), which the schema judges. */
export type ScreeningBody = Omit<z.input<typeof screeningInput>, 'decision'> & { decision: string };

export const extensionInput = z.object({
  email: emailField,
  until: wallTime,
});

/**
 * Organisers' list filters; empty means any. `q` searches the title, the number, the authors and
 * the outlet (the export applies the same filters, without paging).
 */
export const entryFilters = z.object({
  category: z.string().max(64).catch(''),
  language: z.string().max(2).catch(''),
  country: z.string().max(2).catch(''),
  state: z.enum(['', 'draft', 'submitted', 'withdrawn', 'eligible', 'ineligible', 'pending']).catch(''),
  q: pagingQuery.shape.q,
});
export type EntryFilters = z.infer<typeof entryFilters>;
/** The organisers' list filters as a query string carries them (each optional, empty means any). */
export type EntryFilterQuery = { [K in keyof EntryFilters]?: string };
/** The organisers' list: filters plus `page` and `size` (see functions/http/paging.ts). */
export const entryListQuery = entryFilters.extend({ page: pagingQuery.shape.page, size: pagingQuery.shape.size });
/** The organisers' list query as a query string carries it (each optional). */
export type EntryListQuery = EntryFilterQuery & PagingQuery;
