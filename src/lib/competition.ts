// Helpers the competition pages share: which step holds which field, localized texts, and the
// shapes of the API's answers. Dates, sizes and language names are the kernel's (core/dates.ts,
// core/file-size.ts, core/language-name.ts).
import type { TFunction } from 'i18next';
import { entrySteps, MAX_AUTHORS, type EntryStep } from '../../functions/competition/competition.schemas.ts';
import { defaultLocale, type Locale } from '../../core/locales.ts';
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

/** Localized text stored per locale, falling back to the default locale's, then any. */
export const inLocale = (text: Record<string, string> | undefined, locale: Locale): string =>
  text?.[locale] || text?.[defaultLocale] || Object.values(text ?? {})[0] || '';

/** A field's name as the form labels it (`authors.0.name` → the authors' label). */
export const fieldLabel = (t: TFunction, field: string): string => t(`competition.fieldName.${field.split('.')[0]}`);

type Competition = ApiClient['api']['competition'];

/** An entrant's entry with its edition, categories, files and problems (`GET /api/competition/entries/:id`). */
export type EntryRead = Ok<Awaited<ReturnType<Competition['entries'][':id']['$get']>>>;
/** The entry itself, as its entrant sees it. */
export type OwnEntry = EntryRead['entry'];
/** An edition with its categories and live state (`GET /api/competition/editions/:id`). */
export type EditionRead = Ok<Awaited<ReturnType<Competition['editions'][':id']['$get']>>>;
/** An edition's entries and statistics for its managers (`GET /api/competition/manage/editions/:id/entries`). */
export type EntryListing = Ok<Awaited<ReturnType<Competition['manage']['editions'][':id']['entries']['$get']>>>;

/** What the public editions list (`/api/competition/editions`) says of each edition, as far as choosing one needs. */
export interface EditionSummary {
  id: string;
  state: 'notOpen' | 'open' | 'closed';
  /** ISO instant. */
  submissionsCloseAt: string;
}

/**
 * The competition's current edition, from the live list: the open one (the newest when several
 * are), else the next to open (the soonest to close among those not open yet), else the last that
 * closed; `undefined` when there is no edition at all. Pure: the list's `state` follows the
 * server's clock.
 */
export function currentEdition<E extends EditionSummary>(editions: readonly E[]): E | undefined {
  const byClose = (a: E, b: E) => a.submissionsCloseAt.localeCompare(b.submissionsCloseAt) || a.id.localeCompare(b.id);
  const open = editions.filter((e) => e.state === 'open').sort(byClose);
  if (open.length > 0) return open.reduce((a, b) => (b.id.localeCompare(a.id) > 0 ? b : a));
  const next = editions.filter((e) => e.state === 'notOpen').sort(byClose)[0];
  if (next) return next;
  return editions
    .filter((e) => e.state === 'closed')
    .sort(byClose)
    .at(-1);
}
