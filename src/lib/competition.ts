// Helpers the competition pages share: which step holds which field, dates in the visitor's terms,
// and the shapes of the API's answers.
import type { TFunction } from 'i18next';
import { entrySteps, kindInfo, MAX_AUTHORS, type EntryStep } from '../../functions/competition/competition.schemas.ts';
import type { Locale } from '../../core/locales.ts';
import type { ApiClient, Ok } from './api.ts';

export { entrySteps, MAX_AUTHORS, type EntryStep };

/** The form's pages: the work, its files (attached, not saved as a step), the other saving steps, then the check-and-submit page. */
export const formPages = [entrySteps[0], 'files', ...entrySteps.slice(1), 'review'] as const;
export type FormPage = (typeof formPages)[number];
export const isFormPage = (s: string | undefined): s is FormPage => (formPages as readonly string[]).includes(s ?? '');

/** The step whose page holds a field (problems link to it). */
export function stepOfField(field: string): FormPage {
  if (field.startsWith('authors') || field === 'country') return 'authors';
  if (field === 'conflicts') return 'conflicts';
  if (field.startsWith('declared')) return 'declarations';
  if (field === 'files') return 'files';
  return 'work';
}

/** The id of a field's input on its page (`authors.0.name` → `f-authors-0-name`). */
export const fieldId = (field: string): string => `f-${field.replace(/\./g, '-')}`;

/** The competition's zone, named next to every time shown. */
export const EDITION_ZONE = 'Europe/Bratislava';

/** An instant in the visitor's language, in the edition's zone, e.g. "31. marca 2027 o 23:59". */
export const formatInstant = (locale: Locale, iso: string | Date): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: EDITION_ZONE }).format(
    new Date(iso),
  );

/** A calendar day (YYYY-MM-DD) in the visitor's language. */
export const formatDay = (locale: Locale, day: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** "in 3 days", "in 5 hours": how far `iso` is from `now`, in the visitor's language. */
export function relativeTime(locale: Locale, iso: string | Date, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const hours = ms / 3_600_000;
  if (Math.abs(hours) < 1) return rtf.format(Math.round(ms / 60_000), 'minute');
  if (Math.abs(hours) < 48) return rtf.format(Math.round(hours), 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}

/** A language code's name in the visitor's language. */
export const languageName = (locale: Locale, code: string): string =>
  new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;

/** Bytes as "20 MB" in the visitor's language. */
export function formatBytes(locale: Locale, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 }).format(mb / 1024)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(mb);
}

/** Localized text stored per locale, falling back to Slovak then any. */
export const inLocale = (text: Record<string, string> | undefined, locale: Locale): string =>
  text?.[locale] || text?.sk || Object.values(text ?? {})[0] || '';

/** A field's name as the form labels it (`authors.0.name` → the authors' label). */
export const fieldLabel = (t: TFunction, field: string): string => t(`competition.fieldName.${field.split('.')[0]}`);

/** A media type as people know it (`application/pdf` → `PDF`); unknown types as they are. */
export const fileTypeName = (type: string): string =>
  Object.values(kindInfo)
    .find((k) => k.mime === type)
    ?.ext.toUpperCase() ?? type;

type Competition = ApiClient['api']['competition'];

/** An entrant's entry with its edition, categories, files and problems (`GET /api/competition/entries/:id`). */
export type EntryRead = Ok<Awaited<ReturnType<Competition['entries'][':id']['$get']>>>;
/** The entry itself, as its entrant sees it. */
export type OwnEntry = EntryRead['entry'];
/** An edition with its categories and live state (`GET /api/competition/editions/:id`). */
export type EditionRead = Ok<Awaited<ReturnType<Competition['editions'][':id']['$get']>>>;
/** An edition's entries and statistics for its managers (`GET /api/competition/manage/editions/:id/entries`). */
export type EntryListing = Ok<Awaited<ReturnType<Competition['manage']['editions'][':id']['entries']['$get']>>>;
