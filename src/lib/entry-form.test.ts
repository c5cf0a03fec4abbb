import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../functions/errors.ts';
import { useTranslations } from '../../core/t.ts';
import { afterEntryRequest, entryFormErrors, entryFormValues, entryRequest, inFormOrder } from './entry-form.ts';
import type { OwnEntry } from './competition.ts';
import { joinDate, readForm } from './form.ts';

/** A form as the browser posts it (urlencoded, CRLF line breaks). */
const posted = (fields: [string, string][]) =>
  readForm(new Request('http://localhost/', { method: 'POST', body: new URLSearchParams(fields) }));

describe('entryRequest: a posted page of the entry form as its API request', () => {
  it('sends the work step’s eight fields, line breaks as LF, unknown fields left out', async () => {
    const form = await posted([
      ['title', 'Waiting at the foreigners’ police'],
      ['categoryId', 'cat-written'],
      ['language', 'uk'],
      ['url', 'dennikn.sk/article'],
      ['summary', 'Line one\r\nLine two'],
      ['status', 'submitted'],
    ]);
    expect(entryRequest('work', form, 'en')).toEqual({
      to: 'step',
      step: 'work',
      json: {
        title: 'Waiting at the foreigners’ police',
        categoryId: 'cat-written',
        language: 'uk',
        outlet: '',
        publishedOn: '',
        url: 'dennikn.sk/article',
        summary: 'Line one\nLine two',
        summaryTranslation: '',
        lang: 'en',
      },
    });
  });

  it('joins the publication date typed as day, month and year; a date that cannot be stays visibly wrong', async () => {
    const date = async (day: string, month: string, year: string) =>
      joinDate(
        await posted([
          ['publishedOn.day', day],
          ['publishedOn.month', month],
          ['publishedOn.year', year],
        ]),
        'publishedOn',
      );
    expect(
      await Promise.all([
        date('27', '3', '2026'),
        date(' 7 ', '03', '2026'),
        date('', '', ''),
        date('31', '2', '2026'),
        date('x', '3', '2026'),
        date('27', '', '2026'),
      ]),
    ).toEqual(['2026-03-27', '2026-03-07', '', '2026-02-31', '2026-03-x', '2026-?-27']);
    // A page that posts the whole date (an older form) still works.
    expect(joinDate(await posted([['publishedOn', '2026-05-17']]), 'publishedOn')).toBe('2026-05-17');
  });

  it('sends every author row (empty ones too) and the country', async () => {
    const form = await posted([
      ['authors.0.name', 'Oksana Kovalenko'],
      ['authors.0.role', 'reporter'],
      ['authors.2.name', 'Ján Novák'],
      ['country', 'SK'],
    ]);
    expect(entryRequest('authors', form, 'sk')).toEqual({
      to: 'step',
      step: 'authors',
      json: {
        country: 'SK',
        authors: [
          { name: 'Oksana Kovalenko', role: 'reporter' },
          { name: '', role: '' },
          { name: 'Ján Novák', role: '' },
          { name: '', role: '' },
          { name: '', role: '' },
          { name: '', role: '' },
        ],
        lang: 'sk',
      },
    });
  });

  it('sends the conflicts as typed', async () => {
    const form = await posted([['conflicts', 'My editor\r\nis on the jury']]);
    expect(entryRequest('conflicts', form, 'uk')).toEqual({
      to: 'step',
      step: 'conflicts',
      json: { conflicts: 'My editor\nis on the jury', lang: 'uk' },
    });
  });

  it('sends ticked declarations as true and the others as false', async () => {
    const form = await posted([
      ['declaredOwnWork', 'on'],
      ['declaredPrivacy', 'on'],
    ]);
    expect(entryRequest('declarations', form, 'en')).toEqual({
      to: 'step',
      step: 'declarations',
      json: { declaredOwnWork: true, declaredLicence: false, declaredRules: false, declaredPrivacy: true, lang: 'en' },
    });
  });

  it('attaches an upload, or removes a file, on the files page', async () => {
    expect(
      entryRequest(
        'files',
        await posted([
          ['intent', 'attach'],
          ['uploadId', 'u-1'],
        ]),
        'en',
      ),
    ).toEqual({
      to: 'attach',
      json: { uploadId: 'u-1', lang: 'en' },
    });
    // A closed set: no intent, or one the page does not offer, is refused (null → 400), never "attach".
    expect(entryRequest('files', await posted([]), 'en')).toBeNull();
    expect(entryRequest('files', await posted([['intent', 'foo']]), 'en')).toBeNull();
    expect(
      entryRequest(
        'files',
        await posted([
          ['intent', 'remove'],
          ['fileId', 'f-9'],
        ]),
        'sk',
      ),
    ).toEqual({
      to: 'remove',
      fileId: 'f-9',
      json: { lang: 'sk' },
    });
  });

  it('submits or withdraws from the review page, by its intent only', async () => {
    expect(entryRequest('review', await posted([['intent', 'submit']]), 'en')).toEqual({
      to: 'submit',
      json: { lang: 'en' },
    });
    // The tester finding: an unknown button value was taken for the default. Now refused (null → 400).
    expect(entryRequest('review', await posted([]), 'en')).toBeNull();
    expect(entryRequest('review', await posted([['intent', 'foo']]), 'en')).toBeNull();
    expect(entryRequest('review', await posted([['intent', 'withdraw']]), 'uk')).toEqual({
      to: 'withdraw',
      json: { lang: 'uk' },
    });
  });
});

describe('afterEntryRequest', () => {
  it('goes to the next page after a saved step, and back to the page after the other requests', async () => {
    const none = await posted([]);
    expect(afterEntryRequest('work', entryRequest('work', none, 'en')!)).toBe('files/?saved=1');
    expect(afterEntryRequest('authors', entryRequest('authors', none, 'en')!)).toBe('conflicts/?saved=1');
    expect(afterEntryRequest('conflicts', entryRequest('conflicts', none, 'en')!)).toBe('declarations/?saved=1');
    expect(afterEntryRequest('declarations', entryRequest('declarations', none, 'en')!)).toBe('review/?saved=1');
    const attach = await posted([['intent', 'attach']]);
    expect(afterEntryRequest('files', entryRequest('files', attach, 'en')!)).toBe('files/?done=attached');
    const remove = await posted([['intent', 'remove']]);
    expect(afterEntryRequest('files', entryRequest('files', remove, 'en')!)).toBe('files/?done=removed');
    const submit = await posted([['intent', 'submit']]);
    expect(afterEntryRequest('review', entryRequest('review', submit, 'en')!)).toBe('review/?done=submitted');
    const withdraw = await posted([['intent', 'withdraw']]);
    expect(afterEntryRequest('review', entryRequest('review', withdraw, 'en')!)).toBe('review/?done=withdrawn');
  });
});

describe('entryFormErrors', () => {
  const t = useTranslations('en');
  const base = '/en/competition/entries/e-1/';

  it('links problems on this page to the field and others to their page, naming the field', () => {
    const error: ErrorBody = {
      code: 'validation.failed',
      message: 'Check the form',
      requestId: 'r-1',
      fields: [
        { field: 'url', code: 'competition.url', message: 'Enter a web address' },
        { field: 'authors.0.name', code: 'competition.tooLong', message: 'Too long' },
      ],
    };
    expect(entryFormErrors(t, error, 'work', base)).toEqual({
      fieldErrors: { url: 'Enter a web address', 'authors.0.name': 'Too long' },
      problems: [
        { href: '#f-url', message: `${t('competition.fieldName.url')}: Enter a web address` },
        {
          href: `${base}authors/#f-authors-0-name`,
          message: `${t('competition.fieldName.authors')}: Too long`,
        },
      ],
    });
  });

  it('lists the problems in the order of the form, whatever order the API gives', () => {
    const error: ErrorBody = {
      code: 'validation.failed',
      message: 'Check the form',
      requestId: 'r-3',
      fields: ['declaredRules', 'country', 'authors.1.name', 'authors.0.role', 'categoryId', 'title', 'files'].map(
        (field) => ({ field, code: 'competition.tooLong' as const, message: field }),
      ),
    };
    expect(entryFormErrors(t, error, 'review', base).problems.map((p) => p.href.split('#')[1])).toEqual([
      'f-title',
      'f-categoryId',
      'f-files',
      'f-authors-0-role',
      'f-authors-1-name',
      'f-country',
      'f-declaredRules',
    ]);
  });

  it('sorts an unknown field last and keeps equal fields in their order', () => {
    const items = [{ field: 'nope' }, { field: 'files', n: 1 }, { field: 'files', n: 2 }, { field: 'summary' }];
    expect(inFormOrder(items)).toEqual([
      { field: 'summary' },
      { field: 'files', n: 1 },
      { field: 'files', n: 2 },
      { field: 'nope' },
    ]);
  });

  it('says how to type the date in the three fields when the API refuses it', () => {
    const error: ErrorBody = {
      code: 'validation.failed',
      message: 'Check the form',
      requestId: 'r-1',
      fields: [{ field: 'publishedOn', code: 'competition.date', message: 'Enter a date in the format YYYY-MM-DD' }],
    };
    expect(entryFormErrors(t, error, 'work', base)).toEqual({
      fieldErrors: { publishedOn: 'Enter a real date as day, month and year, for example 27 3 2026' },
      problems: [
        {
          href: '#f-publishedOn',
          message: 'Publication date: Enter a real date as day, month and year, for example 27 3 2026',
        },
      ],
    });
  });

  it('links a refusal not about a field to the page', () => {
    const error: ErrorBody = { code: 'competition.closed', message: 'Closed', requestId: 'r-2' };
    expect(entryFormErrors(t, error, 'review', base)).toEqual({
      fieldErrors: {},
      problems: [{ href: '#main', message: 'Closed' }],
    });
  });
});

describe('entryFormValues', () => {
  const entry = {
    title: 'Saved title',
    categoryId: null,
    country: 'SK',
    authors: [{ name: 'Oksana', role: 'reporter' }],
    declaredOwnWork: true,
    declaredLicence: false,
  } as unknown as OwnEntry;

  it('shows the saved draft', () => {
    const values = entryFormValues(entry, null);
    expect([values.value('title'), values.value('categoryId'), values.value('country')]).toEqual([
      'Saved title',
      '',
      'SK',
    ]);
    expect([values.author(0, 'role'), values.author(1, 'name')]).toEqual(['reporter', '']);
    expect([values.checked('declaredOwnWork'), values.checked('declaredLicence')]).toEqual([true, false]);
  });

  it('shows a saved date as day, month and year, and typed ones as typed', () => {
    const saved = { ...entry, publishedOn: '2026-03-07' } as unknown as OwnEntry;
    expect(entryFormValues(saved, null).date('publishedOn')).toEqual({ day: '7', month: '3', year: '2026' });
    expect(entryFormValues({ ...entry, publishedOn: '' } as OwnEntry, null).date('publishedOn')).toEqual({
      day: '',
      month: '',
      year: '',
    });
    expect(
      entryFormValues(saved, { 'publishedOn.day': '31', 'publishedOn.month': '2', 'publishedOn.year': '2026' }).date(
        'publishedOn',
      ),
    ).toEqual({ day: '31', month: '2', year: '2026' });
  });

  it('shows what was typed after a refused post', () => {
    const values = entryFormValues(entry, { title: 'Typed', 'authors.1.name': 'Ján', declaredLicence: 'on' });
    expect([values.value('title'), values.value('country')]).toEqual(['Typed', '']);
    expect([values.author(0, 'name'), values.author(1, 'name')]).toEqual(['', 'Ján']);
    expect([values.checked('declaredOwnWork'), values.checked('declaredLicence')]).toEqual([false, true]);
  });
});
