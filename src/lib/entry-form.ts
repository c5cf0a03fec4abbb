// The entry form's pages and the API: what a posted page asks the API for, where the entrant goes
// once it is done, what the form shows, and where its problems link.
import type { TFunction } from 'i18next';
import { MAX_AUTHORS, type EntryStep, type StepBody } from '../../functions/competition/competition.schemas.ts';
import type { ErrorBody } from '../../functions/errors.ts';
import type { Locale } from '../../core/locales.ts';
import type { ApiClient } from './api.ts';
import { fieldId, fieldLabel, formPages, stepOfField, type FormPage, type OwnEntry } from './competition.ts';
import { dateParts, joinDate, oneOf, type PostedForm } from './form.ts';
import { formErrors } from './form-errors.ts';

/** The declarations an entrant ticks, in the order the form shows them. */
export const declarations = ['declaredOwnWork', 'declaredLicence', 'declaredRules', 'declaredPrivacy'] as const;
export type Declaration = (typeof declarations)[number];

/** The work step's fields, in the order the form (and the review) shows them. */
export const workFields = [
  'title',
  'categoryId',
  'language',
  'outlet',
  'publishedOn',
  'url',
  'summary',
  'summaryTranslation',
] as const;
/** The fields typed as text (the authors' rows aside). */
export type TextField = (typeof workFields)[number] | 'country' | 'conflicts';

/** What a posted page of the entry form asks the API to do; every body carries the form's language. */
export type EntryRequest =
  | { to: 'step'; step: EntryStep; json: StepBody & { lang: Locale } }
  | { to: 'submit' | 'withdraw'; json: { lang: Locale } }
  | { to: 'attach'; json: { uploadId: string; lang: Locale } }
  | { to: 'remove'; fileId: string; json: { lang: Locale } };

/**
 * The one mapping from a posted page of the entry form to its API request: a saving step's fields
 * (author rows as a list, ticked boxes as booleans), the files page's attach or remove, the review
 * page's submit or withdraw (its `intent`, a closed set).
 * @returns the request, or null when the files or review page's `intent` is not one the page offers
 *   (missing or unknown: never taken for "attach" or "submit"; the page answers 400, `unknownChoice`)
 */
export function entryRequest(page: FormPage, form: PostedForm, lang: Locale): EntryRequest | null {
  switch (page) {
    case 'work':
      return {
        to: 'step',
        step: page,
        json: {
          title: form.get('title'),
          categoryId: form.get('categoryId'),
          language: form.get('language'),
          outlet: form.get('outlet'),
          publishedOn: joinDate(form, 'publishedOn'),
          url: form.get('url'),
          summary: form.get('summary'),
          summaryTranslation: form.get('summaryTranslation'),
          lang,
        },
      };
    case 'files': {
      const intent = oneOf(form, 'intent', ['attach', 'remove']);
      if (intent === null) return null;
      return intent === 'remove'
        ? { to: 'remove', fileId: form.get('fileId'), json: { lang } }
        : { to: 'attach', json: { uploadId: form.get('uploadId'), lang } };
    }
    case 'authors':
      return {
        to: 'step',
        step: page,
        json: {
          country: form.get('country'),
          authors: Array.from({ length: MAX_AUTHORS }, (_, i) => ({
            name: form.get(`authors.${i}.name`),
            role: form.get(`authors.${i}.role`),
          })),
          lang,
        },
      };
    case 'conflicts':
      return { to: 'step', step: page, json: { conflicts: form.get('conflicts'), lang } };
    case 'declarations':
      return {
        to: 'step',
        step: page,
        json: {
          declaredOwnWork: form.get('declaredOwnWork') === 'on',
          declaredLicence: form.get('declaredLicence') === 'on',
          declaredRules: form.get('declaredRules') === 'on',
          declaredPrivacy: form.get('declaredPrivacy') === 'on',
          lang,
        },
      };
    case 'review': {
      const intent = oneOf(form, 'intent', ['submit', 'withdraw']);
      return intent === null ? null : { to: intent, json: { lang } };
    }
  }
}

/** Sends an entry-form request for entry `id` through the typed client. */
export function sendEntryRequest(client: ApiClient, id: string, request: EntryRequest) {
  const entry = client.api.competition.entries[':id'];
  const param = { id: encodeURIComponent(id) };
  switch (request.to) {
    case 'step':
      return entry.steps[':step'].$post({ param: { ...param, step: request.step }, json: request.json });
    case 'submit':
      return entry.submit.$post({ param, json: request.json });
    case 'withdraw':
      return entry.withdraw.$post({ param, json: request.json });
    case 'attach':
      return entry.files.$post({ param, json: request.json });
    case 'remove':
      return entry.files[':fileId'].remove.$post({
        param: { ...param, fileId: encodeURIComponent(request.fileId) },
        json: request.json,
      });
  }
}

/** Where the entrant goes once the API has done `request` (relative to the entry's address). */
export function afterEntryRequest(page: FormPage, request: EntryRequest): string {
  switch (request.to) {
    case 'submit':
      return 'review/?done=submitted';
    case 'withdraw':
      return 'review/?done=withdrawn';
    case 'attach':
      return 'files/?done=attached';
    case 'remove':
      return 'files/?done=removed';
    case 'step':
      return `${formPages[formPages.indexOf(page) + 1] ?? 'review'}/?saved=1`;
  }
}

/**
 * Where a field comes in the entry form, from the first step to the last (WCAG 2.4.3: the error
 * summary lists problems in the order a person meets the fields). `authors.<i>.<name|role>` sort by
 * row, then name before role; an unknown field sorts last.
 * @returns a number to sort by (lower comes first)
 */
export function formOrder(field: string): number {
  const order: readonly string[] = [...workFields, 'files', 'authors', 'country', 'conflicts', ...declarations];
  const row = /^authors\.(\d+)\.(name|role)$/.exec(field);
  if (row) return order.indexOf('authors') + (Number(row[1]) * 2 + (row[2] === 'role' ? 2 : 1)) / 1000;
  const at = order.indexOf(field);
  return at === -1 ? order.length : at;
}

/** `items` in the order of the form's fields (a stable sort: equal fields keep their order). */
export function inFormOrder<T extends { field: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => formOrder(a.field) - formOrder(b.field));
}

/**
 * A refused step's messages: each next to its field, and in the error summary (in form order) with
 * the field's name, linking to the field on this page or on the page that holds it (`base` is the entry's address).
 */
export function entryFormErrors(t: TFunction, error: ErrorBody, page: FormPage, base: string) {
  const anchor = (field: string) =>
    stepOfField(field) === page ? `#${fieldId(field)}` : `${base}${stepOfField(field)}/#${fieldId(field)}`;
  // The date is typed as day, month and year here: its message says so (the API's names `YYYY-MM-DD`).
  const fields = error.fields?.map((f) =>
    f.field === 'publishedOn' && f.code === 'competition.date' ? { ...f, message: t('entrant.date.invalid') } : f,
  );
  const shown = fields ? { ...error, fields } : error;
  const ordered = shown.fields ? { ...shown, fields: inFormOrder(shown.fields) } : shown;
  return formErrors(ordered, anchor, '#main', [], (field) => fieldLabel(t, field));
}

/** What the entry form shows: what was typed when the post was refused, else the saved draft. */
export function entryFormValues(entry: OwnEntry, typed: Record<string, string> | null) {
  return {
    value: (field: TextField): string => (typed ? (typed[field] ?? '') : (entry[field] ?? '')),
    checked: (field: Declaration): boolean => (typed ? typed[field] === 'on' : entry[field]),
    author: (i: number, part: 'name' | 'role'): string =>
      typed ? (typed[`authors.${i}.${part}`] ?? '') : (entry.authors[i]?.[part] ?? ''),
    /** A date's day, month and year as typed, else the saved `YYYY-MM-DD` as `27`, `3`, `2026`. */
    date: (field: 'publishedOn'): { day: string; month: string; year: string } => {
      if (typed) {
        const part = (p: string) => typed[`${field}.${p}`] ?? '';
        return { day: part('day'), month: part('month'), year: part('year') };
      }
      return dateParts(entry[field] ?? '');
    },
  };
}
export type EntryFormValues = ReturnType<typeof entryFormValues>;
