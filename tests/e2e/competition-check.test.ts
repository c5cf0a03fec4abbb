import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../core/locales.ts';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import {
  axeViolations,
  baseUrl,
  mailLink,
  newestMailTo,
  openMailedLink,
  openPage,
  signInByEmail,
  useBrowser,
} from './browser.ts';

// Issue 16 item 4 in every locale: the check-and-submit page, the withdraw question, the country
// select, the date fields' hint, format names on the edition page, and API errors in the page's language.
const browser = useBrowser();

const lastMonth = () => new Date(Date.now() - 30 * 24 * 60 * 60_000).toISOString().slice(0, 10);

/** What each locale shows, as the catalogue and Intl (CLDR) have it. */
const expected: Record<
  Locale,
  {
    ukraine: string;
    dateHint: RegExp;
    formats: string[];
    withdrawTitle: string;
    change: string;
    notFound: string;
    files: string;
  }
> = {
  sk: {
    ukraine: 'Ukrajina',
    dateHint: /^Napríklad 27 3 2026\. Súťažiť môžu diela publikované od /,
    formats: ['PDF', 'video MP4', 'fotografia JPEG', 'zvuk MP3'],
    withdrawTitle: 'Naozaj chcete vziať túto prihlášku späť?',
    change: 'Zmeniť',
    notFound: 'Nenašli sme, čo hľadáte.',
    files: 'Súbory',
  },
  en: {
    ukraine: 'Ukraine',
    dateHint: /^For example, 27 3 2026\. Works published from /,
    formats: ['PDF', 'MP4 video', 'JPEG photo', 'MP3 audio'],
    withdrawTitle: 'Are you sure you want to withdraw this entry?',
    change: 'Change',
    notFound: 'We could not find what you asked for.',
    files: 'Files',
  },
  uk: {
    ukraine: 'Україна',
    dateHint: /^Наприклад, 27 3 2026\. Беруть участь роботи, опубліковані з /,
    formats: ['PDF', 'відео MP4', 'фото JPEG', 'аудіо MP3'],
    withdrawTitle: 'Ви справді хочете відкликати цю заявку?',
    change: 'Змінити',
    notFound: 'Ми не знайшли того, що ви шукаєте.',
    files: 'Файли',
  },
};

/** Signs in through the competition's own form and the mailed link. */
async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/en/competition/entries/`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('status').waitFor();
  await openMailedLink(page, mailLink(await newestMailTo(page, email), '/api/auth/callback?token='));
}

/** A complete draft in "written and online", made through the API with the page's cookies. */
async function completeDraft(page: Page, lang: Locale): Promise<string> {
  const post = async (path: string, data: Record<string, unknown>) => {
    const response = await page.request.post(`${baseUrl}${path}`, {
      data: { ...data, lang },
      headers: { origin: baseUrl },
    });
    expect([path, response.status()]).toEqual([path, path.endsWith('/entries') ? 201 : 200]);
    return response.json();
  };
  const { id } = (await post('/api/competition/editions/2027/entries', {})) as { id: string };
  await post(`/api/competition/entries/${id}/steps/work`, {
    title: 'Čakáreň',
    categoryId: '2027-written',
    language: 'sk',
    outlet: 'Denník N',
    publishedOn: lastMonth(),
    url: 'https://dennikn.sk/cakaren',
    summary: 'Ako ľudia čakajú na pobyt.',
  });
  await post(`/api/competition/entries/${id}/steps/authors`, {
    country: 'UA',
    authors: [{ name: 'Olena Kovalenko', role: '' }],
  });
  await post(`/api/competition/entries/${id}/steps/declarations`, {
    declaredOwnWork: true,
    declaredLicence: true,
    declaredRules: true,
    declaredPrivacy: true,
  });
  return id;
}

/** Nothing on the page is wider than the viewport. */
const fits = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('what entrants see before and after they send (issue 16 item 4)', () => {
  it.each(locales)(
    'in %s: check answers, withdraw question, country names, date hint: axe clean at 1280 and 390 px',
    async (locale) => {
      const { context, page, errors } = await openPage(browser());
      await signIn(page, `check-${locale}-${Date.now()}@example.org`);
      const id = await completeDraft(page, locale);
      const base = `${baseUrl}/${locale}/competition/entries/${id}/`;
      const want = expected[locale];
      const found: Record<string, unknown> = {};
      const check = async (name: string) => {
        const violations = await axeViolations(page);
        if (violations.length) found[name] = violations;
        if (!(await fits(page))) found[`${name} (wider than ${page.viewportSize()?.width} px)`] = true;
      };

      // The authors step: the country is a select of names in the page's language, the code stored.
      await page.goto(`${base}authors/`);
      expect(await page.locator('#f-country option:checked').innerText()).toBe(want.ukraine);
      expect(await page.locator('#f-country').inputValue()).toBe('UA');
      await check('authors');
      // The work step: the date hint shows what the three fields take.
      await page.goto(`${base}work/`);
      expect(await page.locator('#f-publishedOn-hint').innerText()).toMatch(want.dateHint);
      await check('work');

      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${base}review/`);
        const authors = page.locator('#check-authors').locator('xpath=../..');
        expect(await authors.locator('dl').innerText()).toContain(want.ukraine);
        expect(await page.getByRole('link', { name: `${want.change} – ${want.files}`, exact: true }).count()).toBe(1);
        expect(await page.locator('#check-files').innerText()).toBe(want.files);
        await check(`review ${width}`);
      }

      await page.getByRole('button', { name: useTranslations(locale)('competition.form.submit'), exact: true }).click();
      await page.waitForURL(`${base}review/?done=submitted`);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${base}review/?withdraw=confirm`);
        expect(await page.locator('#withdraw-title').innerText()).toBe(want.withdrawTitle);
        await check(`withdraw ${width}`);
      }
      expect(found).toEqual({});
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it.each(locales)(
    'in %s: the edition page names formats people know (no media types); API errors follow the page',
    async (locale) => {
      // A browser whose languages are none of the portal's: only the page can say which to answer in.
      const { context, page } = await openPage(browser(), { locale: 'de-DE' });
      const want = expected[locale];
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${baseUrl}/${locale}/competition/2027/`);
        const categories = await page.locator('#categories').locator('xpath=..').innerText();
        for (const format of want.formats)
          expect([locale, categories]).toEqual([locale, expect.stringContaining(format)]);
        expect(categories).not.toMatch(/application\/|video\/|audio\/|image\//);
        expect([width, await axeViolations(page), await fits(page)]).toEqual([width, [], true]);
      }
      const notFound = await page.evaluate(
        async () => ((await (await fetch('/api/nothing')).json()) as { message: string }).message,
      );
      expect(notFound).toBe(want.notFound);
      await context.close();
    },
  );
  it('managers type dates as day, month and year and a category’s largest file in MB, in every locale', async () => {
    const { context, page } = await openPage(browser());
    await signInByEmail(page, 'e2e-manager@example.org');
    const found: Record<string, unknown> = {};
    for (const locale of locales) {
      await page.goto(`${baseUrl}/${locale}/admin/competition/?edit=2027`);
      const year = await page.locator('#edition-publishedFrom-year').inputValue();
      const hint = await page.locator('#edition-publishedFrom-hint').innerText();
      expect([locale, /^\d{4}$/.test(year), hint]).toEqual([
        locale,
        true,
        useTranslations(locale)('entrant.date.example'),
      ]);
      const violations = await axeViolations(page);
      if (violations.length) found[`${locale} editions`] = violations;
      await page.goto(`${baseUrl}/${locale}/admin/competition/2027/?category-slug=written-online#category-form`);
      expect([locale, await page.locator('#category-maxFileBytes').inputValue()]).toEqual([locale, '20']);
    }
    await page.goto(`${baseUrl}/en/admin/competition/2027/?category-slug=written-online#category-form`);
    expect(await page.getByLabel('Largest file in MB (1 MB = 1,000,000 bytes)').inputValue()).toBe('20');
    expect(found).toEqual({});
    await context.close();
  });
});
