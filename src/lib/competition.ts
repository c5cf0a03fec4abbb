// Helpers the competition pages share: which step holds which field, localized texts, and reading
// posted forms. Dates, sizes and language names are the kernel's (core/dates.ts, core/file-size.ts,
// core/language-name.ts).
import { entrySteps, MAX_AUTHORS, type EntryStep } from '../../functions/competition/competition.schemas.ts';
import { defaultLocale, type Locale } from '../../core/locales.ts';

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

/** Form data as strings, with line breaks normalised (browsers send CRLF; limits count LF). */
export async function formFields(request: Request): Promise<Record<string, string>> {
  const form = await request.formData().catch(() => new FormData());
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).replace(/\r\n?/g, '\n')]));
}
